package io.prewarm.backtest;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies, traces and a forecaster for replay tests. */
final class TestPolicies {
    static final Duration STEP = Duration.ofMinutes(5);
    /** A Monday, 00:00 UTC. */
    static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");

    private TestPolicies() {
    }

    static ServicePolicy policy(TargetKind kind, double perInstance, double headroom, int min, int max, Duration lead) {
        // AWS: the step policies are driven by an alarm on requests per instance, as most AWS users configure them
        Map<String, String> attrs = kind == TargetKind.KUBERNETES_HPA ? Map.of("namespace", "web")
                : kind == TargetKind.AWS_ASG ? Map.of("cloudwatchNamespace", "Web", "cloudwatchMetric", "RequestsPerInstance",
                "scaleOutAbove", String.valueOf(perInstance)) : Map.of();
        return new ServicePolicy(Path.of("policies/web.yaml"), ServiceKey.of("prod", "web"), new Target(kind, "web", attrs),
                new ServicePolicy.Demand("sum(rate(http_requests_total[5m]))", STEP, Duration.ofDays(28),
                        ServicePolicy.Aggregation.SUM, Optional.empty()),
                new ServicePolicy.Capacity(Optional.of(perInstance), headroom, min, max),
                new ServicePolicy.Rules(lead, 20, 20, Duration.ofMinutes(5), Duration.ofMinutes(40), Duration.ofHours(1), 5.0),
                ZoneOffset.UTC, new ServicePolicy.Holidays("none", List.of()),
                List.of(new ServicePolicy.InstanceSize("small", perInstance, 0.1)), Indicators.none());
    }

    static ServicePolicy aws() {
        return policy(TargetKind.AWS_ASG, 100, 0.2, 2, 50, Duration.ofMinutes(10));
    }

    /** {@code days} days at 5 minutes: {@code base} at night, {@code peak} from 09:00 to 17:00, every day. */
    static TimeSeries officeHours(Instant start, int days, double base, double peak) {
        int perDay = 288;
        double[] v = new double[days * perDay];
        for (int i = 0; i < v.length; i++) {
            int minute = (i % perDay) * 5;
            v[i] = minute >= 9 * 60 && minute < 17 * 60 ? peak : base;
        }
        return new TimeSeries(start, STEP, v);
    }

    /** Repeats the last day of history: perfect on a trace that repeats daily. */
    /** Yesterday again, with the point line scaled by {@code pointFactor} and the upper line by {@code upperFactor}. */
    record Scaled(double pointFactor, double upperFactor) implements Forecaster {
        @Override
        public Forecast forecast(TimeSeries history, ForecastRequest request) {
            Forecast f = new DailyRepeat().forecast(history, request);
            double[] p = f.point().clone();
            double[] u = f.upper().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] *= pointFactor;
                u[i] *= upperFactor;
            }
            return new Forecast(f.start(), f.step(), p, u, "scaled", 0, "none", List.of());
        }
    }

    static final class DailyRepeat implements Forecaster {
        @Override
        public Forecast forecast(TimeSeries history, ForecastRequest request) {
            int perDay = (int) (Duration.ofDays(1).getSeconds() / history.step().getSeconds());
            double[] v = new double[request.horizon()];
            for (int i = 0; i < v.length; i++) {
                v[i] = history.value(history.size() - perDay + i % perDay);
            }
            return new Forecast(request.start(), request.step(), v, v, "daily-repeat", 0, "none", List.of());
        }
    }
}
