package io.prewarm.render.kubernetes;

import io.prewarm.plan.CapacityPlan;

/**
 * The brief's rates as HPA scaling behaviour. Up: the policy's step (+20%) or at least a few pods per
 * minute, whichever is larger, with no stabilisation. Down: at most the policy's share per window,
 * the window doubling as stabilisation window. Kubernetes caps a policy period at 1800 s and a
 * stabilisation window at 3600 s; a longer window keeps the same average rate by shrinking the share.
 *
 * @param upPercent        scale-up policy, percent per minute
 * @param upPods           scale-up policy, pods per minute
 * @param downPercent      scale-down share per period
 * @param downPeriod       scale-down period in seconds
 * @param downStabilization scale-down stabilisation window in seconds
 */
record Behavior(int upPercent, int upPods, int downPercent, int downPeriod, int downStabilization) {
    static final int UP_PERIOD = 60;
    static final int MAX_PERIOD = 1800;
    static final int MAX_STABILIZATION = 3600;

    static Behavior of(CapacityPlan.Limits l) {
        int upPods = Math.max(1, (int) Math.ceil(l.min() * l.scaleUpMinPercent() / 100.0));
        long window = Math.max(1, l.scaleDownCooldown().toSeconds());
        int period = (int) Math.min(window, MAX_PERIOD);
        int percent = window <= MAX_PERIOD ? l.scaleDownMaxPercent()
                : Math.max(1, (int) (l.scaleDownMaxPercent() * MAX_PERIOD / window));
        return new Behavior(l.scaleUpMinPercent(), upPods, percent, period, (int) Math.min(window, MAX_STABILIZATION));
    }
}
