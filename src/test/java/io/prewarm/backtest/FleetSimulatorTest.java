package io.prewarm.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed replays of tiny traces: every number below is worked out in the comments. */
class FleetSimulatorTest {
    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    static DemandTrace trace(double... perMinute) {
        return new DemandTrace(T0, perMinute);
    }

    static int[] constant(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    static FleetSimulator sim(int boot) {
        return new FleetSimulator(new FleetSimulator.Settings(100, 0, boot, 60, OptionalDouble.of(0.5)));
    }

    @Test
    void staticFleetPaysEveryMinuteAndServesUpToItsSize() {
        // 3 instances x 10 minutes = 0.5 h; demand 350 > 300 in the last two minutes, short by ceil(3.5)-3 = 1
        DemandTrace t = trace(100, 100, 100, 100, 100, 250, 250, 250, 350, 350);
        Scorecard s = sim(2).run(Strategy.STATIC, t, constant(10, 3), constant(10, 3), null).scorecard();
        assertThat(s.instanceHours()).isCloseTo(0.5, within(1e-12));
        assertThat(s.cost().getAsDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(s.underProvisionedMinutes()).isEqualTo(2);
        assertThat(s.totalMinutes()).isEqualTo(10);
        assertThat(s.worstShortfall()).isEqualTo(1);
        assertThat(s.scaleActions()).isZero();
        assertThat(s.reversals()).isZero();
        assertThat(s.capHits()).isEqualTo(2);
    }

    @Test
    void scheduledInstancesServeOnlyAfterBootAndAreBilledFromLaunch() {
        // demand 150 needs 2; floor 1 -> 3 at m3 (2 launched, serving at m5) -> 1 at m8
        // ready: m0-4 = 1 (short 1), m5-7 = 3, m8-9 = 1 (short 1): 7 under-provisioned minutes
        // paid: m0-2 1 each (3), m3-4 3 each (6), m5-7 3 each (9), m8-9 1 each (2) = 20 min
        int[] floor = {1, 1, 1, 3, 3, 3, 3, 3, 1, 1};
        FleetSimulator.Run run = sim(2).run(Strategy.SCHEDULED, trace(150, 150, 150, 150, 150, 150, 150, 150, 150, 150),
                floor, constant(10, 10), null);
        Scorecard s = run.scorecard();
        assertThat(run.ready()).containsExactly(1, 1, 1, 1, 1, 3, 3, 3, 1, 1);
        assertThat(s.instanceHours()).isCloseTo(20 / 60.0, within(1e-12));
        assertThat(s.underProvisionedMinutes()).isEqualTo(7);
        assertThat(s.worstShortfall()).isEqualTo(1);
        assertThat(s.scaleActions()).isEqualTo(2);
        assertThat(s.reversals()).isEqualTo(1);
    }

    @Test
    void aFallBeforeBootEndsCancelsTheBootingInstancesFirst() {
        // floor 1 -> 4 at m1 (3 booting until m4) -> 2 at m2: one booting instance stays, serving at m4
        int[] floor = {1, 4, 2, 2, 2, 2};
        FleetSimulator.Run run = sim(3).run(Strategy.SCHEDULED, trace(50, 50, 50, 50, 50, 50), floor,
                constant(6, 10), null);
        assertThat(run.ready()).containsExactly(1, 1, 1, 1, 2, 2);
        // paid: 1 + 4 + 2 + 2 + 2 + 2 = 13 minutes
        assertThat(run.scorecard().instanceHours()).isCloseTo(13 / 60.0, within(1e-12));
    }

    @Test
    void missingDemandIsNotScoredButStillPaid() {
        Scorecard s = sim(0).run(Strategy.STATIC, trace(Double.NaN, 500, Double.NaN), constant(3, 2), constant(3, 2), null)
                .scorecard();
        assertThat(s.totalMinutes()).isEqualTo(1);
        assertThat(s.underProvisionedMinutes()).isEqualTo(1);
        assertThat(s.worstShortfall()).isEqualTo(3);
        assertThat(s.instanceHours()).isCloseTo(6 / 60.0, within(1e-12));
    }

    @Test
    void stepScalingSizesItsStepToTheBreachAndWaitsForTheWarmUp() {
        // min 2, +20% with min adjustment max(1, ceil(2 x 0.2)) = 1, boot 3, alarm after 2 breaching minutes.
        // Start warm at ceil(150/100) = 2. Demand 400 from m1 is 100% above what 2 instances carry: the band
        // of +200%, so at m2 desired becomes 2 + 4 = 6 (serving m5). m3-m4 the new instances warm: nothing more.
        // Under-provisioned m1-m4 = 4 minutes, worst 4 - 2 = 2. The step overshoots: from m5 six instances carry
        // 400 even without 20% of them, and after the 5-minute scale-in window one leaves at m9.
        // Paid: m0-1 2 (4), m2-8 6 (42), m9 5 (5) = 51 minutes.
        AwsStepScaling aws = AwsStepScaling.rendered(100, 0, 2, 20, 20, 5);
        DemandTrace t = trace(150, 400, 400, 400, 400, 400, 400, 400, 400, 400);
        FleetSimulator.Run run = sim(3).run(Strategy.REACTIVE, t, constant(10, 2), constant(10, 50), aws);
        Scorecard s = run.scorecard();
        assertThat(run.ready()).containsExactly(2, 2, 2, 2, 2, 6, 6, 6, 6, 5);
        assertThat(s.underProvisionedMinutes()).isEqualTo(4);
        assertThat(s.worstShortfall()).isEqualTo(2);
        assertThat(s.instanceHours()).isCloseTo(51 / 60.0, within(1e-12));
        assertThat(s.scaleActions()).isEqualTo(2);

        // 15% above: the policy's own step, +20% of 2 rounds to 0, so the minimum adjustment of 1
        AwsStepScaling small = AwsStepScaling.rendered(100, 0, 2, 20, 20, 5);
        FleetSimulator.Run r2 = sim(3).run(Strategy.REACTIVE, trace(150, 230, 230, 230, 230, 230, 230),
                constant(7, 2), constant(7, 50), small);
        assertThat(r2.ready()).containsExactly(2, 2, 2, 2, 2, 3, 3);
    }

    @Test
    void stepScalingScalesInGentlyAfterTheScheduledFloorDrops() {
        // a scheduled floor of 10 drops to 2 at m1; demand 300 < 10 x 100 x 0.8 from m0, so the scale-in
        // alarm (3 one-minute periods, the 3-minute cooldown) fires at m2: -max(1, floor(10 x 0.2)) = -2 -> 8;
        // after the cooldown m5: 8 -> 7 (floor(1.6) = 1), m8: 7 -> 6 (300 < 7 x 80 still)
        AwsStepScaling aws = AwsStepScaling.rendered(100, 0, 2, 20, 20, 3);
        double[] d = new double[10];
        Arrays.fill(d, 300);
        int[] floor = constant(10, 2);
        floor[0] = 10;
        FleetSimulator.Run run = sim(0).run(Strategy.PREWARM, new DemandTrace(T0, d), floor, constant(10, 50), aws);
        assertThat(run.ready()).containsExactly(10, 10, 8, 8, 8, 7, 7, 7, 6, 6);
        assertThat(run.scorecard().scaleActions()).isEqualTo(3);
        assertThat(run.scorecard().reversals()).isZero();
        assertThat(run.scorecard().underProvisionedMinutes()).isZero();
    }

    @Test
    void withoutAReactiveLayerTheFleetFollowsTheFloorDown() {
        int[] floor = {10, 2, 2};
        FleetSimulator.Run run = sim(0).run(Strategy.SCHEDULED, trace(300, 300, 300), floor, constant(3, 50), null);
        assertThat(run.ready()).containsExactly(10, 2, 2);
        assertThat(run.scorecard().underProvisionedMinutes()).isEqualTo(2);
    }
}
