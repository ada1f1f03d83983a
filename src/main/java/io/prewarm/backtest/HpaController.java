package io.prewarm.backtest;

/**
 * A Kubernetes HPA on a utilisation metric as the simulator's reactive layer, synced once per simulated
 * minute. The HPA's target per pod is the policy's {@code perInstance / (1 + headroom)}: it keeps the same
 * headroom the plan keeps. Demand spreads evenly over ready pods; booting pods report nothing.
 */
final class HpaController implements Controller {
    private final Hpa hpa;
    private final double targetPerPod;

    HpaController(HpaBehavior behavior, double perInstance, double headroom) {
        this.hpa = new Hpa(behavior, Hpa.TOLERANCE);
        this.targetPerPod = perInstance / (1 + headroom);
    }

    @Override
    public int decide(int minute, double demand, int ready, int starting, int desired, int min, int max) {
        double usage = ready == 0 ? 0 : demand / ready;
        return hpa.sync(60L * minute, desired, ready, starting, usage, targetPerPod, min, max);
    }
}
