package io.prewarm.common;

/**
 * The brief's rates as Kubernetes HPA scaling behaviour, as prewarm renders it for an HPA and for a KEDA
 * ScaledObject and as the backtest simulates it. Up: the policy's step (+20%) or at least a few pods per
 * minute (20% of the minimum, at least 1), whichever is larger, with no stabilisation. Down: at most the
 * policy's share per window, the window doubling as stabilisation window. Kubernetes caps a policy period
 * at 1800 s and a stabilisation window at 3600 s; a longer window keeps the same average rate by
 * shrinking the share.
 *
 * @param upPercent         scale-up policy, percent per {@link #UP_PERIOD}
 * @param upPods            scale-up policy, pods per {@link #UP_PERIOD}
 * @param downPercent       scale-down share per period
 * @param downPeriod        scale-down period in seconds
 * @param downStabilization scale-down stabilisation window in seconds
 */
public record HpaRates(int upPercent, int upPods, int downPercent, int downPeriod, int downStabilization) {
    public static final int UP_PERIOD = 60;
    public static final int MAX_PERIOD = 1800;
    public static final int MAX_STABILIZATION = 3600;

    /**
     * @param min                 the minimum replicas
     * @param scaleUpMinPercent   the policy's scale-up step
     * @param scaleDownMaxPercent the policy's scale-down share per window
     * @param windowSeconds       the scale-down window
     */
    public static HpaRates of(int min, int scaleUpMinPercent, int scaleDownMaxPercent, long windowSeconds) {
        int upPods = Math.max(1, (int) Math.ceil(min * scaleUpMinPercent / 100.0));
        long window = Math.max(1, windowSeconds);
        int period = (int) Math.min(window, MAX_PERIOD);
        int percent = window <= MAX_PERIOD ? scaleDownMaxPercent
                : Math.max(1, (int) (scaleDownMaxPercent * MAX_PERIOD / window));
        return new HpaRates(scaleUpMinPercent, upPods, percent, period, (int) Math.min(window, MAX_STABILIZATION));
    }
}
