package io.prewarm.common;

/**
 * How large a reactive scale-out step is for a given breach of the scale-out threshold, so that a burst
 * is met in one step (about what the breach says is missing) rather than one small step per warm-up: the
 * policy's step ({@code scaleUpMinPercent}) just above the threshold, then +50%, +100% and +200% from 25%,
 * 50% and 100% above it, never below the policy's step. The AWS renderer writes these bands as
 * {@code step_adjustment} blocks and the backtest's simulator scales by them, so both read them here.
 */
public final class ScaleOutSteps {
    /** Lower edges of the bands, as shares of the threshold above it (0.25 = 25% above the threshold). */
    private static final double[] BREACH = {0, 0.25, 0.5, 1.0};
    /** The step of each band, in percent of current capacity; the first is the policy's own step. */
    private static final int[] PERCENT = {0, 50, 100, 200};

    private ScaleOutSteps() {
    }

    /** Number of bands. */
    public static int bands() {
        return BREACH.length;
    }

    /** Lower edge of band {@code i}, as a share of the threshold above it. */
    public static double breach(int i) {
        return BREACH[i];
    }

    /** The percent a breach of {@code ratio} above the threshold (0.3 = 30% above) adds. */
    public static int percentFor(int upPercent, double ratio) {
        int p = upPercent;
        for (int i = 0; i < BREACH.length; i++) {
            if (ratio >= BREACH[i]) {
                p = Math.max(upPercent, PERCENT[i]);
            }
        }
        return p;
    }
}
