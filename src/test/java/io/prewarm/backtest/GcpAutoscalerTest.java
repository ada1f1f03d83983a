package io.prewarm.backtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The GCP autoscaler model: proportional scale-out at once, 10-minute stabilization, scale-in controls. */
class GcpAutoscalerTest {
    /** 100 per VM at the target utilisation (headroom 0), at most 20% scaled in per 5-minute window. */
    static GcpAutoscaler gcp() {
        return new GcpAutoscaler(100, 0, 20, 300);
    }

    @Test
    void scalesOutToTheRecommendationInOneStepAndDoesNotCountInitializingVmsTwice() {
        GcpAutoscaler g = gcp();
        // 4 serving VMs at twice the target: the recommendation is 8, reached at once (no tolerance, no rate limit)
        assertThat(g.decide(0, 800, 4, 0, 4, 1, 50)).isEqualTo(8);
        // the 4 new VMs are initializing: their metrics are ignored and the group already counts them
        assertThat(g.decide(1, 800, 4, 4, 8, 1, 50)).isEqualTo(8);
        // 1% above the target is enough: GCP has no tolerance band (the HPA's 10% would not act)
        assertThat(gcp().decide(0, 808, 8, 0, 8, 1, 50)).isEqualTo(9);
    }

    @Test
    void scalesInAfterTheTenMinuteStabilizationByAtMostTheShareOfEachWindow() {
        GcpAutoscaler g = gcp();
        assertThat(g.decide(0, 1000, 10, 0, 10, 1, 50)).isEqualTo(10);
        int desired = 10;
        int[] expected = {10, 10, 10, 10, 10, 10, 10, 10, 10, 8, 8, 8, 8, 8, 6};
        for (int minute = 1; minute <= 15; minute++) {
            // demand falls to one VM's worth; the recommendation of minute 0 holds the group for 10 minutes
            desired = g.decide(minute, 100, desired, 0, desired, 1, 50);
            assertThat(desired).as("minute %d", minute).isEqualTo(expected[minute - 1]);
        }
    }
}
