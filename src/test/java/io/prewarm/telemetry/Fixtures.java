package io.prewarm.telemetry;

import io.prewarm.common.Indicators;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.pipeline.Stages;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.CapacityPlanner;
import io.prewarm.plan.PlanStep;
import io.prewarm.plan.ScalingAction;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.RenderedFiles;
import io.prewarm.render.TerraformRenderer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Small deterministic stages for plan runs in telemetry tests: demand given by a function of time, a
 * forecast that repeats the last value (point) with +20% (upper), and a planner that turns the upper
 * forecast into capacity with a hand-set safety cap, so every number in the metrics can be computed by hand.
 */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");
    static final Duration STEP = Duration.ofHours(1);
    static final ZoneId UTC = ZoneId.of("UTC");

    private Fixtures() {
    }

    static ServicePolicy policy(String env, String service, int safetyFactor) {
        return new ServicePolicy(Path.of("policies/" + service + ".yaml"), ServiceKey.of(env, service),
                new Target(TargetKind.AWS_ASG, service + "-asg", Map.of()),
                new ServicePolicy.Demand("sum(rate(http_requests_total{service=\"" + service + "\"}[5m]))", STEP,
                        Duration.ofDays(2), ServicePolicy.Aggregation.SUM, Optional.empty()),
                new ServicePolicy.Capacity(Optional.of(100.0), 0.0, 2, 50),
                new ServicePolicy.Rules(Duration.ofMinutes(0), 20, 20, Duration.ofMinutes(30), Duration.ofHours(4),
                        Duration.ofHours(24), safetyFactor),
                UTC, new ServicePolicy.Holidays("none", List.of()), List.of(), Indicators.none());
    }

    /** Demand per service as a function of epoch seconds; a service without one fails to read. */
    static MetricsSource source(Map<ServiceKey, DoubleUnaryOperator> demand) {
        return new MetricsSource() {
            @Override
            public TimeSeries demand(ServicePolicy policy, io.prewarm.common.TimeWindow window) {
                DoubleUnaryOperator f = demand.get(policy.key());
                if (f == null) {
                    throw new MetricsException("reading history for service=" + policy.key() + " from fixture: "
                            + "connection refused");
                }
                double[] v = new double[window.points()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = f.applyAsDouble(window.start().plus(window.step().multipliedBy(i)).getEpochSecond());
                }
                return new TimeSeries(window.start(), window.step(), v);
            }

            @Override
            public String describe() {
                return "fixture";
            }
        };
    }

    /** Point = last sample, upper = point * 1.2, over the whole horizon. */
    static Forecaster lastValue() {
        return (history, req) -> {
            double last = history.value(history.size() - 1);
            double[] point = new double[req.horizon()];
            double[] upper = new double[req.horizon()];
            java.util.Arrays.fill(point, last);
            java.util.Arrays.fill(upper, last * 1.2);
            return new Forecast(req.start(), req.step(), point, upper, "last-value", 0.5, "MASE", List.of());
        };
    }

    /**
     * Capacity = ceil(upper / perInstance), clamped at a safety cap of 10 instances (reason SAFETY_CAP);
     * two actions: a PREWARM and a MIN_LIMIT (plus a SAFETY_CAP one when clamped).
     */
    static CapacityPlanner planner() {
        return input -> {
            ServicePolicy p = input.policy();
            Forecast f = input.forecast();
            int cap = 10;
            List<PlanStep> timeline = new ArrayList<>();
            boolean clamped = false;
            for (int i = 0; i < f.horizon(); i++) {
                int required = (int) Math.ceil(f.upper()[i] / 100.0);
                int capacity = Math.min(required, cap);
                clamped |= required > cap;
                timeline.add(new PlanStep(f.timeAt(i), f.upper()[i], required, capacity,
                        required > cap ? ReasonCode.SAFETY_CAP : ReasonCode.PREDICTED_PEAK));
            }
            // constant demand gives a constant timeline; every action holds that floor, so the plan passes
            // the pipeline's invariant checks (actions replayed over the week give the timeline)
            int floor = timeline.get(0).capacity();
            List<ScalingAction> actions = new ArrayList<>(List.of(
                    new ScalingAction("daily-0800-prewarm", Optional.of("0 8 * * 1"), Optional.empty(), UTC, floor, -1,
                            floor, ReasonCode.PREWARM, "upper " + f.upper()[0] + " rps / 100 per instance"),
                    new ScalingAction("night-2200-floor", Optional.of("0 22 * * 1"), Optional.empty(), UTC, floor, 50, -1,
                            ReasonCode.MIN_LIMIT, "policy minimum 2")));
            if (clamped) {
                actions.add(new ScalingAction("peak-cap", Optional.empty(), Optional.of(input.now().plusSeconds(3600)),
                        UTC, cap, cap, -1, ReasonCode.SAFETY_CAP, "clamped at 5x normal peak"));
            }
            List<ReasonCode> reasons = actions.stream().map(ScalingAction::reason).distinct().sorted().toList();
            return new CapacityPlan(p.key(), p.target(), p.zone(),
                    new CapacityPlan.Limits(floor, cap, 50, cap, 2, input.normalPeakDemand(), Duration.ZERO, 20, 20,
                            Duration.ofMinutes(30), 100.0, 0.0, f.step()),
                    timeline, actions, reasons, f.model(), f.validationScore(), Optional.empty(), List.of(),
                    Indicators.none());
        };
    }

    static Stages stages(Map<ServiceKey, DoubleUnaryOperator> demand) {
        return new Stages(source(demand), lastValue(), planner(), Fixtures::renderer,
                (policy, from, to) -> Set.of(), (history, zone) -> 200.0,
                plan -> io.prewarm.render.RenderedFiles.of(Map.of()));
    }

    private static TerraformRenderer renderer(TargetKind kind) {
        return new TerraformRenderer() {
            @Override
            public TargetKind kind() {
                return kind;
            }

            @Override
            public RenderedFiles render(CapacityPlan plan, Optional<io.prewarm.render.OverrideSpec> override) {
                return new RenderedFiles(new java.util.TreeMap<>(Map.of("generated/" + plan.key().path() + "/main.tf",
                        "# " + plan.actions().size() + " actions, peak " + plan.peakCapacity() + "\n")));
            }
        };
    }
}
