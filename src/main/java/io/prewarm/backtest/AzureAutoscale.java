package io.prewarm.backtest;

/**
 * The Azure autoscale setting prewarm renders for a scale set ({@code render.azure}), as the simulator
 * runs it, once per minute. The signal is the utilisation of the serving instances against what they
 * carry with the policy's headroom, {@code u = demand x (1 + headroom) / (ready x perInstance)}:
 *
 * <ul>
 *   <li>scale out: when the average of {@code u} over the last {@code outWindow} minutes (the rule's
 *       {@code PT5M} time window) is above 1, add {@code max(1, ceil(desired x upPercent / 100))}
 *       ({@code PercentChangeCount}), then nothing more for {@code outCooldown} minutes (the rule's
 *       cooldown, which prewarm sets to the pre-warm lead);</li>
 *   <li>scale in: when the average over the last {@code inWindow} minutes (the scale-down window) shows
 *       the fleet keeps its headroom even after losing {@code downPercent}, nothing is booting, and the
 *       scale-in cooldown has passed, remove {@code max(1, floor(desired x downPercent / 100))}.</li>
 * </ul>
 * Minutes before the first one seen are not in any window: a window must be full before it triggers.
 */
final class AzureAutoscale implements Controller {
    private final double perInstance;
    private final double headroom;
    private final int upPercent;
    private final int downPercent;
    private final int outWindow;
    private final int outCooldown;
    private final int inWindow;
    private final int inCooldown;
    private final double[] utilisation;
    private int seen;
    private int lastOut = Integer.MIN_VALUE / 2;
    private int lastIn = Integer.MIN_VALUE / 2;

    AzureAutoscale(double perInstance, double headroom, int upPercent, int downPercent, int outWindow, int outCooldown,
                   int inWindow, int inCooldown) {
        if (!(perInstance > 0) || headroom < 0 || upPercent < 1 || downPercent < 0 || outWindow < 1 || inWindow < 1
                || outCooldown < 0 || inCooldown < 0) {
            throw new IllegalArgumentException("simulating Azure autoscale: invalid settings");
        }
        this.perInstance = perInstance;
        this.headroom = headroom;
        this.upPercent = upPercent;
        this.downPercent = downPercent;
        this.outWindow = outWindow;
        this.outCooldown = outCooldown;
        this.inWindow = inWindow;
        this.inCooldown = inCooldown;
        this.utilisation = new double[Math.max(outWindow, inWindow)];
    }

    /**
     * As {@code render.azure} writes the rules: scale out over a 5-minute window with the pre-warm lead as
     * cooldown (at least 1 minute), scale in over the scale-down window (at least 5 minutes) with the
     * scale-down window as cooldown.
     */
    static AzureAutoscale rendered(double perInstance, double headroom, int upPercent, int downPercent,
                                   int leadMinutes, int cooldownMinutes) {
        return new AzureAutoscale(perInstance, headroom, upPercent, downPercent, 5, Math.max(1, leadMinutes),
                Math.max(5, cooldownMinutes), Math.max(1, cooldownMinutes));
    }

    @Override
    public int decide(int minute, double demand, int ready, int starting, int desired, int min, int max) {
        double u = ready == 0 ? (demand > 0 ? Double.POSITIVE_INFINITY : 0)
                : demand * (1 + headroom) / (ready * perInstance);
        utilisation[seen % utilisation.length] = u;
        seen++;
        if (seen >= outWindow && average(outWindow) > 1 && minute - lastOut >= outCooldown && desired < max) {
            lastOut = minute;
            int add = Math.max(1, (int) Math.ceil(desired * upPercent / 100.0));
            return Math.min(max, desired + add);
        }
        if (seen >= inWindow && downPercent > 0 && starting == 0 && desired > min && minute - lastIn >= inCooldown
                && minute - lastOut >= outCooldown && average(inWindow) < 1 - downPercent / 100.0) {
            lastIn = minute;
            int remove = Math.max(1, desired * downPercent / 100);
            return Math.max(min, desired - remove);
        }
        return desired;
    }

    /** Mean of the last {@code n} minutes seen. */
    private double average(int n) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += utilisation[Math.floorMod(seen - i, utilisation.length)];
        }
        return sum / n;
    }
}
