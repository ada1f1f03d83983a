package io.prewarm.backtest;

import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanInput;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.prewarm.backtest.TestPolicies.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replays of a small synthetic office-hours trace through the real planner. */
class ReplayTest {
    static final Instant FROM = MONDAY.plus(Duration.ofDays(7));
    static final Replay.Spec SPEC = new Replay.Spec(FROM, FROM.plus(Duration.ofDays(2)), Duration.ofDays(7),
            Duration.ofDays(1), DemandTrace.Shape.STEP);

    static BacktestResult replay(ServicePolicy policy) {
        TimeSeries history = TestPolicies.officeHours(MONDAY, 9, 200, 1000);
        return new Replay(new TestPolicies.DailyRepeat(), new RulesPlanner()).run(policy, history, SPEC);
    }

    @Test
    void staticProvisionsThePeakWithHeadroomForTheWholeWindow() {
        // peak 1000 x 1.2 / 100 = 12 instances for 48 hours
        Scorecard s = replay(TestPolicies.aws()).of(Strategy.STATIC);
        assertThat(s.instanceHours()).isCloseTo(12 * 48.0, within(1e-9));
        assertThat(s.cost().getAsDouble()).isCloseTo(12 * 48 * 0.1, within(1e-9));
        assertThat(s.underProvisionedMinutes()).isZero();
        assertThat(s.totalMinutes()).isEqualTo(2 * 1440);
        assertThat(s.scaleActions()).isZero();
    }

    @Test
    void aPerfectForecastMakesPrewarmEqualToTheOracle() {
        BacktestResult r = replay(TestPolicies.aws());
        assertThat(r.of(Strategy.PREWARM)).isEqualTo(new Scorecard(Strategy.PREWARM, r.of(Strategy.ORACLE).instanceHours(),
                r.of(Strategy.ORACLE).cost(), r.of(Strategy.ORACLE).underProvisionedMinutes(),
                r.of(Strategy.ORACLE).totalMinutes(), r.of(Strategy.ORACLE).worstShortfall(),
                r.of(Strategy.ORACLE).scaleActions(), r.of(Strategy.ORACLE).reversals(), r.of(Strategy.ORACLE).capHits()));
        assertThat(r.epochs()).isEqualTo(2);
        assertThat(r.models()).containsOnly("daily-repeat");
    }

    @Test
    void preWarmedFloorsServeTheJumpThatTheReactiveLayerAloneMisses() {
        BacktestResult r = replay(TestPolicies.aws());
        Scorecard prewarm = r.of(Strategy.PREWARM);
        Scorecard reactive = r.of(Strategy.REACTIVE);
        // the floor rises 10 minutes (the boot time) before 09:00, so nothing is short
        assertThat(prewarm.underProvisionedMinutes()).isZero();
        assertThat(r.of(Strategy.SCHEDULED).underProvisionedMinutes()).isZero();
        // 200 -> 1000 at 09:00: step scaling from 3 instances adds one step per 10-minute warm-up
        assertThat(reactive.underProvisionedMinutes()).isGreaterThan(30);
        assertThat(reactive.worstShortfall()).isEqualTo(10 - 3);
        assertThat(prewarm.instanceHours()).isLessThan(0.7 * r.of(Strategy.STATIC).instanceHours());
        // the reactive layer scales in gently after the floor drops; schedules alone drop with the floor
        assertThat(prewarm.instanceHours()).isGreaterThanOrEqualTo(r.of(Strategy.SCHEDULED).instanceHours());
    }

    @Test
    void withoutACloudWatchMetricNoReactiveLayerRunsOnAws() {
        ServicePolicy a = TestPolicies.aws();
        ServicePolicy noAlarm = new ServicePolicy(a.source(), a.key(),
                new io.prewarm.common.Target(TargetKind.AWS_ASG, "web", java.util.Map.of()), a.demand(), a.capacity(),
                a.rules(), a.zone(), a.holidays(), a.instanceSizes(), a.indicators());
        BacktestResult r = replay(noAlarm);
        assertThat(r.reactiveLayer()).isFalse();
        // reactive only is the policy min (2 instances) for 48 hours, short every office hour
        assertThat(r.of(Strategy.REACTIVE).instanceHours()).isCloseTo(2 * 48.0, within(1e-9));
        assertThat(r.of(Strategy.REACTIVE).underProvisionedMinutes()).isEqualTo(2 * 8 * 60);
        Scorecard scheduled = r.of(Strategy.SCHEDULED);
        Scorecard prewarm = r.of(Strategy.PREWARM);
        assertThat(prewarm.instanceHours()).isEqualTo(scheduled.instanceHours());
        assertThat(prewarm.scaleActions()).isEqualTo(scheduled.scaleActions());
        assertThat(Reports.text(java.util.List.of(new Reports.Entry(r, Optional.empty()))))
                .contains("no reactive layer: nothing prewarm renders triggers it (target.cloudwatchMetric is not set)");
        assertThat(replay(a).reactiveLayer()).isTrue();
    }

    @Test
    void theVerdictSuggestsTheOtherFloorWhenTheReplayMissesAGoal() {
        TimeSeries history = TestPolicies.officeHours(MONDAY, 9, 200, 1000);
        // the point forecast is 60% low: floors on it are short at every morning ramp until the reactive layer's
        // instances have booted (30 minutes here); the upper bound covers it
        ServicePolicy slow = TestPolicies.policy(TargetKind.AWS_ASG, 100, 0.2, 2, 50, Duration.ofMinutes(30));
        BacktestResult low = new Replay(new TestPolicies.Scaled(0.4, 1.0), new RulesPlanner()).run(slow, history, SPEC);
        assertThat(low.of(Strategy.PREWARM).underProvisionedShare()).isGreaterThan(0.01);
        String command = "`prewarm backtest --service prod/web --from 2026-11-09T00:00:00Z --to 2026-11-11T00:00:00Z";
        assertThat(Reports.verdict(low)).endsWith("; short more than 1% of minutes: compare " + command
                + " --what-if scheduleFor=forecast,headroom=0.4` (more headroom above the point forecast) with " + command
                + " --what-if scheduleFor=upper` (floors on the forecast's upper bound)");
        assertThat(Reports.suggestions(low)).extracting(PolicyVariant::describe)
                .containsExactly("scheduleFor=forecast,headroom=0.4", "scheduleFor=upper");
        // the upper bound here is the demand itself: floors on it are never short, at the oracle's cost
        PolicyVariant toUpper = Reports.suggestions(low).get(1);
        WhatIf w = new WhatIf(toUpper, low, new Replay(new TestPolicies.Scaled(0.4, 1.0), new RulesPlanner())
                .run(toUpper.apply(slow), history, SPEC, low.bootMinutes()));
        assertThat(w.variant().of(Strategy.PREWARM).underProvisionedMinutes()).isZero();
        assertThat(Reports.whatIfLine(w)).startsWith("what-if `scheduleFor=upper`: prewarm ")
                .contains(String.format(java.util.Locale.ROOT, "%.1f instance-hours (%+.1f%%, ",
                        w.variant().of(Strategy.PREWARM).instanceHours(), 100 * (w.variant().of(Strategy.PREWARM)
                                .instanceHours() / low.of(Strategy.PREWARM).instanceHours() - 1)))
                .contains("1.000x the oracle), under-provisioned 0.00% of minutes (as written: ")
                .endsWith(String.format(java.util.Locale.ROOT, "%.2f%%)", 100 * low.of(Strategy.PREWARM).underProvisionedShare()));
        // floors on an upper bound twice the demand cost about twice the oracle
        ServicePolicy upper = PolicyVariant.parse("scheduleFor=upper").apply(TestPolicies.aws());
        BacktestResult wide = new Replay(new TestPolicies.Scaled(1.0, 2.0), new RulesPlanner()).run(upper, history, SPEC);
        assertThat(Reports.verdict(wide)).contains("; floors on the upper bound cost ").contains(
                "--what-if scheduleFor=forecast` shows how short floors on the point forecast");
        assertThat(Reports.suggestions(wide)).extracting(PolicyVariant::describe).containsExactly("scheduleFor=forecast");
        assertThat(Reports.verdict(replay(TestPolicies.aws()))).doesNotContain(";");
        assertThat(Reports.suggestions(replay(TestPolicies.aws()))).isEmpty();
    }

    @Test
    void variantsReuseEachEpochsForecastUnlessTheyChangeWhatItIsFittedFor() {
        TimeSeries history = TestPolicies.officeHours(MONDAY, 9, 200, 1000);
        java.util.concurrent.atomic.AtomicInteger fits = new java.util.concurrent.atomic.AtomicInteger();
        io.prewarm.forecast.Forecaster counting = (h, r) -> {
            fits.incrementAndGet();
            return new TestPolicies.DailyRepeat().forecast(h, r);
        };
        Replay replay = new Replay(counting, new RulesPlanner());
        Replay.Variants v = replay.withVariants(TestPolicies.aws(), base -> java.util.List.of(
                PolicyVariant.parse("headroom=0.4"), PolicyVariant.parse("scheduleFor=upper"),
                PolicyVariant.parse("prewarmLead=20m")), history, SPEC);
        // 2 epochs fitted for the policy; headroom and floors reuse them; a longer lead asks a longer horizon
        assertThat(fits.get()).isEqualTo(2 + 2);
        // and the shared fits change nothing: each variant equals its own replay from scratch
        for (WhatIf w : v.variants()) {
            assertThat(w.variant().scorecards()).isEqualTo(new Replay(new TestPolicies.DailyRepeat(), new RulesPlanner())
                    .run(w.changes().apply(TestPolicies.aws()), history, SPEC, v.base().bootMinutes()).scorecards());
        }
    }

    @Test
    void anHpaCannotPreWarmWhileKedaAppliesTheFloorsWithTheSameBehaviour() {
        BacktestResult hpa = replay(TestPolicies.policy(TargetKind.KUBERNETES_HPA, 100, 0.2, 2, 50, Duration.ofMinutes(10)));
        BacktestResult keda = replay(TestPolicies.policy(TargetKind.KUBERNETES_KEDA, 100, 0.2, 2, 50, Duration.ofMinutes(10)));
        // the rendered HPA has no schedules: prewarm is the HPA alone, short at each 09:00 jump like reactive-only
        assertThat(hpa.floorsApplied()).isFalse();
        Scorecard p = hpa.of(Strategy.PREWARM);
        Scorecard re = hpa.of(Strategy.REACTIVE);
        assertThat(p.underProvisionedMinutes()).isPositive().isEqualTo(re.underProvisionedMinutes());
        assertThat(p.instanceHours()).isEqualTo(re.instanceHours());
        assertThat(Reports.text(java.util.List.of(new Reports.Entry(hpa, Optional.empty()))))
                .contains("kubernetes-hpa applies no scheduled floors (an HPA has no schedules)")
                .contains("kubernetes-hpa cannot pre-warm: target type kubernetes-keda applies the scheduled floors");
        assertThat(Reports.suggestions(hpa)).isEmpty();
        // KEDA's cron triggers hold the floors: raised a boot time before 09:00, nothing is short
        assertThat(keda.floorsApplied()).isTrue();
        assertThat(keda.of(Strategy.PREWARM).underProvisionedMinutes()).isZero();
        assertThat(keda.of(Strategy.REACTIVE).underProvisionedMinutes()).isEqualTo(re.underProvisionedMinutes());
    }

    @Test
    void replayedActionsReproduceThePlannedTimeline() {
        ServicePolicy policy = TestPolicies.aws();
        TimeSeries history = TestPolicies.officeHours(MONDAY, 9, 200, 1000);
        Forecast f = new TestPolicies.DailyRepeat().forecast(history.slice(MONDAY, FROM),
                new io.prewarm.forecast.ForecastRequest(FROM, TestPolicies.STEP, 2016 + 3, Optional.empty(),
                        java.util.Set.of()));
        CapacityPlan plan = new RulesPlanner().plan(new PlanInput(policy, f, 1000, Optional.empty(), FROM));
        int minutes = 7 * 1440;
        int[] floor = new int[minutes];
        int[] ceiling = new int[minutes];
        Schedules.apply(plan, FROM, 0, minutes, floor, ceiling);
        for (int i = 0; i < minutes / 5; i++) {
            assertThat(floor[5 * i]).as("step %d", i).isEqualTo(plan.timeline().get(i).capacity());
            assertThat(ceiling[5 * i]).isEqualTo(plan.limits().max());
        }
    }

    @Test
    void replayedActionsReproduceThePlannedTimelineAcrossADaylightSavingChange() {
        // Berlin springs forward on 2027-03-28 at 02:00: actions between 02:00 and 03:00 fire together at 03:00
        ServicePolicy utc = TestPolicies.aws();
        ServicePolicy policy = new ServicePolicy(utc.source(), utc.key(), utc.target(), utc.demand(), utc.capacity(),
                utc.rules(), java.time.ZoneId.of("Europe/Berlin"), utc.holidays(), utc.instanceSizes(), utc.indicators());
        Instant from = Instant.parse("2027-03-22T00:00:00Z");
        double[] upper = new double[2016 + 3];
        for (int i = 0; i < upper.length; i++) {
            int minute = (i % 288) * 5;
            upper[i] = minute >= 60 && minute < 150 ? 1000 + 10 * (i % 7) : 200;
        }
        Forecast f = new Forecast(from, TestPolicies.STEP, upper, upper, "test", 0, "none", java.util.List.of());
        CapacityPlan plan = new RulesPlanner().plan(new PlanInput(policy, f, 1000, Optional.empty(), from));
        int minutes = 7 * 1440;
        int[] floor = new int[minutes];
        int[] ceiling = new int[minutes];
        Schedules.apply(plan, from, 0, minutes, floor, ceiling);
        for (int i = 0; i < minutes / 5; i++) {
            assertThat(floor[5 * i]).as("step %d at %s", i, from.plusSeconds(300L * i))
                    .isEqualTo(plan.timeline().get(i).capacity());
        }
    }
}
