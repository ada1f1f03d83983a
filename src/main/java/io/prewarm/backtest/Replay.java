package io.prewarm.backtest;

import io.prewarm.common.Checks;
import io.prewarm.common.HpaRates;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.CapacityPlanner;
import io.prewarm.plan.PlanningWindow;
import io.prewarm.plan.ServicePlanning;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Replays a service's history: at each planning epoch it fits the forecaster on the history before the
 * epoch, plans with the real planner over the usual horizon (a week plus the lead), and keeps the plan's
 * scheduled actions until the next epoch. The oracle plans the same way on the actual demand. Then every
 * {@link Strategy} runs on the same minute-by-minute trace.
 */
public final class Replay {
    /**
     * What to replay.
     *
     * @param from     first replayed instant, on the policy's step grid
     * @param to       end of the replay (exclusive)
     * @param training how much history before each epoch the forecaster sees
     * @param epoch    how often a new plan is made (daily)
     * @param shape    how demand moves between samples
     */
    public record Spec(Instant from, Instant to, Duration training, Duration epoch, DemandTrace.Shape shape) {
        public Spec {
            Checks.nonNull("from, to, training, epoch, shape", from, to, training, epoch, shape);
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("backtest window: --to " + to + " is not after --from " + from);
            }
            if (training.isNegative() || training.isZero() || epoch.toMinutes() < 1) {
                throw new IllegalArgumentException("backtest window: training and epoch must be positive");
            }
        }

        /** The history the replay reads: the training before {@code from}, then the replayed window. */
        public Instant historyStart() {
            return from.minus(training);
        }
    }

    private final ServicePlanning planning;

    /** Replays with the planning {@code plan} runs (the same stages: {@code Stages.planning()}). */
    public Replay(ServicePlanning planning) {
        this.planning = Objects.requireNonNull(planning, "planning");
    }

    /** Replays with this forecaster and planner, the policy's holidays and the daily-peaks normal peak. */
    public Replay(Forecaster forecaster, CapacityPlanner planner) {
        this(new ServicePlanning(forecaster, planner));
    }

    /**
     * What {@code plan --now at} makes of this history (with the training of {@code spec}): the plan a replay
     * follows from epoch {@code at}.
     */
    public ServicePlanning.Planned planAt(ServicePolicy policy, TimeSeries history, Instant at, Duration training) {
        return planAt(planning, policy, history, at, training);
    }

    private static ServicePlanning.Planned planAt(ServicePlanning planning, ServicePolicy policy, TimeSeries history,
                                                  Instant at, Duration training) {
        PlanningWindow window = PlanningWindow.of(policy, at, training);
        TimeSeries seen = history.slice(window.history().start(), window.start());
        // capacity per instance is in the policy (checked above): plan learns it from history only without it
        return planning.plan(policy, window, seen, Optional.empty(), Optional.empty());
    }

    /** Replays {@code policy}; instances boot in the policy's pre-warm lead. */
    public BacktestResult run(ServicePolicy policy, TimeSeries history, Spec spec) {
        return run(policy, history, spec, bootMinutes(policy), new HashMap<>());
    }

    /**
     * Replays {@code policy} and its variant on the same trace; instances boot in the original policy's
     * lead in both, since a policy change does not make machines boot faster.
     */
    public WhatIf whatIf(ServicePolicy policy, PolicyVariant changes, TimeSeries history, Spec spec) {
        return withVariants(policy, base -> List.of(changes), history, spec).variants().get(0);
    }

    /** A replay and the what-ifs chosen from it. */
    public record Variants(BacktestResult base, List<WhatIf> variants) {
        public Variants {
            Objects.requireNonNull(base, "base");
            variants = List.copyOf(variants);
        }
    }

    /**
     * Replays {@code policy}, then each variant {@code choose} picks from that result, on the same trace and
     * with the original boot time. Each epoch's forecast is fitted once: variants that leave the forecast's
     * inputs alone (headroom, floors, limits) reuse it, and only a variant that changes them (a longer lead
     * lengthens the horizon) fits again.
     */
    public Variants withVariants(ServicePolicy policy, Function<BacktestResult, List<PolicyVariant>> choose,
                                 TimeSeries history, Spec spec) {
        Map<ForecastRequest, Forecast> fitted = new HashMap<>();
        BacktestResult base = run(policy, history, spec, bootMinutes(policy), fitted);
        List<WhatIf> out = new ArrayList<>();
        for (PolicyVariant v : choose.apply(base)) {
            out.add(new WhatIf(v, base, run(v.apply(policy), history, spec, base.bootMinutes(), fitted)));
        }
        return new Variants(base, out);
    }

    private static int bootMinutes(ServicePolicy policy) {
        return (int) Math.ceil(policy.rules().prewarmLead().toSeconds() / 60.0);
    }

    /**
     * Replays {@code policy} with instances that take {@code bootMinutes} to serve. A what-if keeps the
     * physical boot time of the original policy while the variant changes what the plan assumes.
     */
    public BacktestResult run(ServicePolicy policy, TimeSeries history, Spec spec, int bootMinutes) {
        return run(policy, history, spec, bootMinutes, new HashMap<>());
    }

    /** {@code fitted}: forecasts already fitted on this history and spec, by request. */
    private BacktestResult run(ServicePolicy policy, TimeSeries history, Spec spec, int bootMinutes,
                               Map<ForecastRequest, Forecast> fitted) {
        Duration step = policy.demand().step();
        if (!history.step().equals(step)) {
            throw new IllegalArgumentException("backtesting " + policy.key() + ": history step " + history.step()
                    + " differs from the policy's " + step);
        }
        double perInstance = policy.capacity().perInstance().orElseThrow(() -> new IllegalArgumentException(
                "backtesting " + policy.key() + ": capacity.perInstance is not set"));
        DemandTrace trace = DemandTrace.of(history, spec.from(), spec.to(), spec.shape());
        int n = trace.minutes();
        int[] prewarmFloor = new int[n];
        int[] prewarmCeiling = new int[n];
        boolean floorsApplied = policy.target().kind() != TargetKind.KUBERNETES_HPA;
        int[] appliedFloor = new int[n];
        int[] appliedCeiling = new int[n];
        int[] oracleFloor = new int[n];
        int[] oracleCeiling = new int[n];
        double[] forecastLine = new double[n];
        ServicePlanning cached = planning.reusing(fitted);
        Arrays.fill(forecastLine, Double.NaN);
        List<String> models = new ArrayList<>();
        int epochs = 0;
        int epochMinutes = (int) spec.epoch().toMinutes();
        for (int m0 = 0; m0 < n; m0 += epochMinutes) {
            int m1 = Math.min(n, m0 + epochMinutes);
            Instant at = trace.timeAt(m0);
            ServicePlanning.Planned planned = planAt(cached, policy, history, at, spec.training());
            Forecast forecast = planned.forecast();
            CapacityPlan plan = planned.plan();
            Schedules.apply(plan, trace.start(), m0, m1, prewarmFloor, prewarmCeiling);
            for (int m = m0; m < m1; m++) {
                // an HPA has no schedules: what prewarm renders for it holds the plan's limits only
                appliedFloor[m] = floorsApplied ? prewarmFloor[m] : Math.max(1, plan.limits().min());
                appliedCeiling[m] = floorsApplied ? prewarmCeiling[m] : plan.limits().max();
            }
            double[] line = policy.capacity().scheduleFor() == ServicePolicy.ScheduleFor.UPPER ? forecast.upper()
                    : forecast.point();
            for (int m = m0; m < m1; m++) {
                int i = (int) (Duration.between(at, trace.timeAt(m)).toMinutes() / step.toMinutes());
                forecastLine[m] = line[Math.min(i, forecast.horizon() - 1)];
            }
            Forecast perfect = actual(history, at, step, planned.request().horizon());
            CapacityPlan oracle = planning.planner().plan(planned.input().withForecast(perfect));
            Schedules.apply(oracle, trace.start(), m0, m1, oracleFloor, oracleCeiling);
            models.add(forecast.model());
            epochs++;
        }
        FleetSimulator sim = new FleetSimulator(new FleetSimulator.Settings(perInstance, policy.capacity().headroom(),
                bootMinutes, (int) policy.rules().backoffReset().toMinutes(), price(policy, perInstance)));
        ServicePolicy.Capacity c = policy.capacity();
        int level = (int) Math.ceil(trace.peak() * (1 + c.headroom()) / perInstance - 1e-9);
        level = Math.max(c.min(), Math.min(c.max(), level));
        Map<Strategy, FleetSimulator.Run> runs = new EnumMap<>(Strategy.class);
        runs.put(Strategy.STATIC, sim.run(Strategy.STATIC, trace, filled(n, level), filled(n, level), null));
        runs.put(Strategy.REACTIVE, sim.run(Strategy.REACTIVE, trace, filled(n, c.min()), filled(n, c.max()),
                reactive(policy)));
        runs.put(Strategy.SCHEDULED, sim.run(Strategy.SCHEDULED, trace, prewarmFloor, prewarmCeiling, null));
        runs.put(Strategy.PREWARM, sim.run(Strategy.PREWARM, trace, appliedFloor, appliedCeiling, reactive(policy)));
        runs.put(Strategy.ORACLE, sim.run(Strategy.ORACLE, trace, oracleFloor, oracleCeiling, reactive(policy)));
        List<Scorecard> cards = new ArrayList<>();
        Map<Strategy, int[]> ready = new EnumMap<>(Strategy.class);
        runs.forEach((s, r) -> {
            cards.add(r.scorecard());
            ready.put(s, r.ready());
        });
        return new BacktestResult(policy.key(), spec.from(), spec.to(), spec.training(), epochs, bootMinutes,
                perInstance, price(policy, perInstance), cards, trace, forecastLine, ready, models,
                policy.capacity().scheduleFor().id(), policy.target().hasReactiveTrigger(), policy.capacity().headroom(),
                floorsApplied);
    }

    /**
     * Perfect foresight: the actual demand over the horizon. Where the history ends or has a gap, the
     * value a week earlier stands in, else the last known value: only the first epoch's day is replayed,
     * but the planner's weekly schedule looks at the whole horizon.
     */
    static Forecast actual(TimeSeries history, Instant at, Duration step, int horizon) {
        double[] v = new double[horizon];
        int week = (int) (Duration.ofDays(7).getSeconds() / step.getSeconds());
        long base = Duration.between(history.start(), at).getSeconds() / step.getSeconds();
        double last = 0;
        for (int i = 0; i < horizon; i++) {
            double x = value(history, base + i);
            if (Double.isNaN(x)) {
                x = i >= week ? v[i - week] : value(history, base + i - week);
            }
            if (Double.isNaN(x)) {
                x = last;
            }
            v[i] = Math.max(0, x);
            last = v[i];
        }
        return new Forecast(at, step, v, v, "oracle", 0, "none", List.of());
    }

    private static double value(TimeSeries h, long i) {
        return i < 0 || i >= h.size() ? Double.NaN : h.value((int) i);
    }

    /**
     * The reactive layer of the policy's target, configured as prewarm renders it; null when nothing
     * prewarm renders triggers it (AWS without {@code cloudwatchMetric}): then no reactive layer runs.
     */
    static Controller reactive(ServicePolicy policy) {
        if (!policy.target().hasReactiveTrigger()) {
            return null;
        }
        double perInstance = policy.capacity().perInstance().orElseThrow();
        double headroom = policy.capacity().headroom();
        ServicePolicy.Rules r = policy.rules();
        if (policy.target().kind() == TargetKind.KUBERNETES_HPA || policy.target().kind() == TargetKind.KUBERNETES_KEDA) {
            HpaRates rates = HpaRates.of(policy.capacity().min(), r.scaleUpMinPercent(), r.scaleDownMaxPercent(),
                    r.scaleDownCooldown().toSeconds());
            return new HpaController(HpaBehavior.rendered(rates), perInstance, headroom);
        }
        if (policy.target().kind() == TargetKind.GCP_MIG) {
            return new GcpAutoscaler(perInstance, headroom, r.scaleDownMaxPercent(), (int) r.scaleDownCooldown().toSeconds());
        }
        if (policy.target().kind() == TargetKind.AZURE_VMSS) {
            return AzureAutoscale.rendered(perInstance, headroom, r.scaleUpMinPercent(), r.scaleDownMaxPercent(),
                    (int) r.prewarmLead().toMinutes(), (int) r.scaleDownCooldown().toMinutes());
        }
        return AwsStepScaling.rendered(perInstance, headroom, policy.capacity().min(), r.scaleUpMinPercent(),
                r.scaleDownMaxPercent(), (int) Math.max(1, r.scaleDownCooldown().toMinutes()));
    }

    /** The price of the catalogue size closest to the policy's per-instance capacity (cheaper on ties). */
    static OptionalDouble price(ServicePolicy policy, double perInstance) {
        return policy.instanceSizes().stream()
                .min((a, b) -> {
                    int c = Double.compare(Math.abs(a.capacity() - perInstance), Math.abs(b.capacity() - perInstance));
                    return c != 0 ? c : Double.compare(a.pricePerHour(), b.pricePerHour());
                })
                .map(s -> OptionalDouble.of(s.pricePerHour())).orElse(OptionalDouble.empty());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
