package io.prewarm.render.kubernetes;

import io.prewarm.common.HpaRates;
import io.prewarm.plan.CapacityPlan;

/**
 * The brief's rates as HPA scaling behaviour ({@link HpaRates}, shared with the backtest's simulator).
 *
 * @param upPercent        scale-up policy, percent per minute
 * @param upPods           scale-up policy, pods per minute
 * @param downPercent      scale-down share per period
 * @param downPeriod       scale-down period in seconds
 * @param downStabilization scale-down stabilisation window in seconds
 */
record Behavior(int upPercent, int upPods, int downPercent, int downPeriod, int downStabilization) {
    static final int UP_PERIOD = HpaRates.UP_PERIOD;

    static Behavior of(CapacityPlan.Limits l) {
        HpaRates r = HpaRates.of(l.min(), l.scaleUpMinPercent(), l.scaleDownMaxPercent(), l.scaleDownCooldown().toSeconds());
        return new Behavior(r.upPercent(), r.upPods(), r.downPercent(), r.downPeriod(), r.downStabilization());
    }
}
