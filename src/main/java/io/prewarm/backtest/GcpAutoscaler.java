package io.prewarm.backtest;

import java.util.List;

/**
 * The GCP managed instance group autoscaler prewarm renders ({@code render.google}: a CPU utilisation
 * target, {@code cooldown_period} = the pre-warm lead, {@code scale_in_control} of the policy's scale-down
 * share per cooldown window), as the simulator runs it, once per minute:
 *
 * <ul>
 *   <li>recommendation: {@code ceil(ready x utilisation / target)}, with no tolerance. VMs still in their
 *       initialization period report nothing and are ignored, while the group's size already counts
 *       them, so a rise is not requested twice;</li>
 *   <li>scale out at once, to the recommendation, with no rate limit;</li>
 *   <li>scale in only to the largest recommendation of the last 10 minutes (GCP's stabilization
 *       period), and by at most {@code downPercent} of the group per {@code windowSeconds}
 *       ({@code max_scaled_in_replicas} within {@code time_window_sec}).</li>
 * </ul>
 * The target per VM is {@code perInstance / (1 + headroom)}: the autoscaler keeps the plan's headroom.
 * This is the HPA's algorithm ({@link Hpa}) with GCP's parameters.
 */
final class GcpAutoscaler implements Controller {
    /** GCP's fixed stabilization period for scale-in. */
    static final int STABILIZATION_SECONDS = 600;
    /** Scale-out has no rate limit on GCP: a policy no sync can reach. */
    private static final HpaBehavior.Rules UNLIMITED_UP = new HpaBehavior.Rules(0, HpaBehavior.Select.MAX,
            List.of(new HpaBehavior.Policy(HpaBehavior.PolicyType.PODS, 1_000_000, 60)));

    private final Hpa hpa;
    private final double targetPerVm;

    GcpAutoscaler(double perInstance, double headroom, int downPercent, int windowSeconds) {
        if (!(perInstance > 0) || headroom < 0 || downPercent < 0 || downPercent > 100) {
            throw new IllegalArgumentException("simulating the GCP autoscaler: invalid settings");
        }
        int period = Math.max(1, Math.min(1800, windowSeconds));
        HpaBehavior.Rules down = downPercent == 0
                ? new HpaBehavior.Rules(STABILIZATION_SECONDS, HpaBehavior.Select.DISABLED, List.of())
                : new HpaBehavior.Rules(STABILIZATION_SECONDS, HpaBehavior.Select.MIN,
                List.of(new HpaBehavior.Policy(HpaBehavior.PolicyType.PERCENT, downPercent, period)));
        this.hpa = new Hpa(new HpaBehavior(UNLIMITED_UP, down), 0.0);
        this.targetPerVm = perInstance / (1 + headroom);
    }

    @Override
    public int decide(int minute, double demand, int ready, int starting, int desired, int min, int max) {
        double usage = ready == 0 ? 0 : demand / ready;
        // initializing VMs are ignored rather than counted as idle (the HPA's rule): pass none
        return hpa.sync(60L * minute, desired, ready, 0, usage, targetPerVm, min, max);
    }
}
