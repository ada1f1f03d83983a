package io.prewarm.plan;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies and forecasts for planner tests, with the policy loader's defaults. */
final class Fixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday, 00:00 in Berlin. */
    static final Instant MONDAY = Instant.parse("2026-11-29T23:00:00Z");

    private Fixtures() {
    }

    static ServicePolicy.Rules defaultRules() {
        return new ServicePolicy.Rules(Duration.ofMinutes(10), 20, 20, Duration.ofMinutes(5), Duration.ofMinutes(40),
                Duration.ofHours(1), 5.0);
    }

    static ServicePolicy policy(TargetKind kind, int min, int max, double perInstance, double headroom,
                                ServicePolicy.Rules rules, Duration step) {
        Map<String, String> attrs = switch (kind) {
            case GCP_MIG -> Map.of("project", "p", "zone", "europe-west3-a");
            case AZURE_VMSS -> Map.of("resourceGroup", "rg", "location", "westeurope", "resourceId", "id");
            case KUBERNETES_HPA, KUBERNETES_KEDA -> Map.of("namespace", "web");
            default -> Map.of();
        };
        return new ServicePolicy(Path.of("policies/web.yaml"), ServiceKey.of("prod", "web"),
                new Target(kind, "web-asg", attrs),
                new ServicePolicy.Demand("sum(rate(http_requests_total[5m]))", step, Duration.ofDays(28),
                        ServicePolicy.Aggregation.SUM, Optional.empty()),
                new ServicePolicy.Capacity(Optional.of(perInstance), headroom, min, max), rules, BERLIN,
                new ServicePolicy.Holidays("none", List.of()), List.of(), Indicators.none());
    }

    static ServicePolicy policy() {
        return policy(TargetKind.AWS_ASG, 2, 200, 100, 0.0, defaultRules(), Duration.ofMinutes(5));
    }

    /** A forecast whose point line is {@code demand} (what policies schedule for by default), upper 10% above. */
    static Forecast forecast(Instant start, Duration step, double[] demand) {
        double[] point = demand.clone();
        double[] upper = new double[demand.length];
        for (int i = 0; i < demand.length; i++) {
            upper[i] = demand[i] * 1.1;
        }
        return new Forecast(start, step, point, upper, "test", 0.5, "MASE", List.of());
    }

    /** A week at {@code step} with a daily business-hours peak: {@code base} at night, {@code peak} 09:00-17:00. */
    static double[] businessWeek(Duration step, double base, double peak) {
        int perDay = (int) (Duration.ofDays(1).toMinutes() / step.toMinutes());
        double[] d = new double[7 * perDay];
        for (int i = 0; i < d.length; i++) {
            int day = i / perDay;
            long minute = (i % perDay) * step.toMinutes();
            boolean work = day < 5 && minute >= 9 * 60 && minute < 17 * 60;
            d[i] = work ? peak : base;
        }
        return d;
    }
}
