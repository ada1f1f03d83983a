package io.prewarm.backtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive model against the examples of the Kubernetes documentation ("Horizontal Pod Autoscaling",
 * algorithm details and configurable scaling behavior).
 */
class HpaTest {
    static final HpaBehavior.Rules UP_DEFAULT = HpaBehavior.defaults().up();

    static Hpa hpa(HpaBehavior.Rules down) {
        return new Hpa(new HpaBehavior(UP_DEFAULT, down), Hpa.TOLERANCE);
    }

    static HpaBehavior.Rules downUnlimited(int window) {
        return new HpaBehavior.Rules(window, HpaBehavior.Select.MAX,
                List.of(new HpaBehavior.Policy(HpaBehavior.PolicyType.PERCENT, 100, 15)));
    }

    @Test
    void doublesReplicasWhenTheMetricIsTwiceTheTarget() {
        // "if the current metric value is 200m, and the desired value is 100m, the number of replicas will be
        // doubled, since 200.0 / 100.0 == 2.0"
        assertThat(hpa(downUnlimited(0)).proposal(4, 4, 0, 200, 100)).isEqualTo(8);
    }

    @Test
    void halvesReplicasWhenTheMetricIsHalfTheTarget() {
        // "If the current value is instead 50m, you'll halve the number of replicas, since 50.0 / 100.0 == 0.5"
        assertThat(hpa(downUnlimited(0)).proposal(4, 4, 0, 50, 100)).isEqualTo(2);
    }

    @Test
    void skipsScalingWithinTheToleranceOfOne() {
        // "The control plane skips any scaling action if the ratio is sufficiently close to 1.0 (within a
        // globally-configurable tolerance, 0.1 by default)"
        Hpa h = hpa(downUnlimited(0));
        assertThat(h.proposal(4, 4, 0, 109, 100)).isEqualTo(4);
        assertThat(h.proposal(4, 4, 0, 91, 100)).isEqualTo(4);
        assertThat(h.proposal(4, 4, 0, 111, 100)).isEqualTo(5); // ceil(1.11 x 4)
        assertThat(h.proposal(10, 10, 0, 85, 100)).isEqualTo(9); // ceil(0.85 x 10)
    }

    @Test
    void countsPodsNotYetReadyAsIdleWhenScalingUp() {
        // "if any not-yet-ready pods were present, and the workload would have scaled up without factoring in
        // missing metrics or not-yet-ready pods, the controller conservatively assumes that the not-yet-ready
        // pods are consuming 0% of the desired metric": 4 ready at 200% and 2 booting -> 800/6 = 133% of
        // target over 6 pods -> ceil(1.333 x 6) = 8
        Hpa h = hpa(downUnlimited(0));
        assertThat(h.proposal(6, 4, 2, 200, 100)).isEqualTo(8);
        // 4 ready at 140% and 2 booting: 560/6 = 93% is within the tolerance after the correction -> no change
        assertThat(h.proposal(6, 4, 2, 140, 100)).isEqualTo(6);
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationInTheStabilizationWindow() {
        // "stabilizationWindowSeconds: 300 ... the highest recommendation in the last 5 minutes is used"
        Hpa h = hpa(downUnlimited(300));
        int replicas = 10;
        replicas = h.sync(0, replicas, replicas, 0, 100, 100, 1, 100); // recommendation 10
        assertThat(replicas).isEqualTo(10);
        for (long t = 60; t < 300; t += 60) {
            replicas = h.sync(t, replicas, replicas, 0, 50, 100, 1, 100); // recommends 5, held at 10
            assertThat(replicas).as("at %d s", t).isEqualTo(10);
        }
        // at 300 s the recommendation of 10 made at 0 s is no longer strictly inside the window: only 5s remain
        assertThat(h.sync(300, replicas, replicas, 0, 50, 100, 1, 100)).isEqualTo(5);
    }

    @Test
    void scaleDownRatePoliciesFollowTheDocumentedExample() {
        // "scaleDown: policies: Pods 4 per 60 s, Percent 10 per 60 s ... if there are 80 replicas and the target
        // has to be scaled down to 10 replicas then during the first step 8 replicas will be reduced. In the next
        // iteration when the number of replicas is 72, 10% of the pods is 7.2 but the number is rounded up to 8."
        HpaBehavior.Rules down = new HpaBehavior.Rules(0, HpaBehavior.Select.MAX, List.of(
                new HpaBehavior.Policy(HpaBehavior.PolicyType.PODS, 4, 60),
                new HpaBehavior.Policy(HpaBehavior.PolicyType.PERCENT, 10, 60)));
        Hpa h = hpa(down);
        // 80 pods at 12.5% of target recommend 10
        int r = h.sync(0, 80, 80, 0, 12.5, 100, 1, 100);
        assertThat(r).isEqualTo(72);
        // within the same 60 s period nothing more may go
        assertThat(h.sync(30, r, r, 0, 1000.0 / 72, 100, 1, 100)).isEqualTo(72);
        int next = h.sync(60, r, r, 0, 1000.0 / 72, 100, 1, 100);
        assertThat(next).isEqualTo(64);
    }

    @Test
    void scaleUpDefaultAllowsTheLargerOfDoublingAndFourPods() {
        // defaults: "Percent 100 per 15 s, Pods 4 per 15 s, selectPolicy Max"
        Hpa h = hpa(downUnlimited(300));
        assertThat(h.sync(0, 2, 2, 0, 1000, 100, 1, 100)).isEqualTo(6); // 2 + 4 > 2 x 2
        Hpa big = hpa(downUnlimited(300));
        assertThat(big.sync(0, 10, 10, 0, 1000, 100, 1, 100)).isEqualTo(20); // 10 x 2 > 10 + 4
    }

    @Test
    void goesStraightToMinReplicasWhenBelowIt() {
        assertThat(hpa(downUnlimited(300)).sync(0, 2, 2, 0, 10, 100, 8, 100)).isEqualTo(8);
    }

    @Test
    void neverExceedsMaxReplicas() {
        assertThat(hpa(downUnlimited(300)).sync(0, 10, 10, 0, 300, 100, 1, 12)).isEqualTo(12);
    }

    @Test
    void theRenderedBehaviourAddsThePolicysStepOrAFewPodsPerMinuteAndShedsItsSharePerWindow() {
        // min 10, +20%, -20% per 5-minute window: as render.kubernetes writes it (HpaRates)
        HpaBehavior b = HpaBehavior.rendered(io.prewarm.common.HpaRates.of(10, 20, 20, 300));
        assertThat(b.up().stabilizationSeconds()).isZero();
        assertThat(b.up().select()).isEqualTo(HpaBehavior.Select.MAX);
        assertThat(b.up().policies()).containsExactly(new HpaBehavior.Policy(HpaBehavior.PolicyType.PERCENT, 20, 60),
                new HpaBehavior.Policy(HpaBehavior.PolicyType.PODS, 2, 60));
        assertThat(b.down()).isEqualTo(new HpaBehavior.Rules(300, HpaBehavior.Select.MIN,
                List.of(new HpaBehavior.Policy(HpaBehavior.PolicyType.PERCENT, 20, 300))));
        // 10 replicas wanting 30: at most max(+20%, +2 pods) = 12 in the first minute, 15 in the next
        Hpa hpa = new Hpa(b, Hpa.TOLERANCE);
        assertThat(hpa.sync(0, 10, 10, 0, 300, 100, 1, 50)).isEqualTo(12);
        assertThat(hpa.sync(60, 12, 10, 2, 300, 100, 1, 50)).isEqualTo(15);
    }
}
