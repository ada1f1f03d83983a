package io.prewarm.backtest;

import io.prewarm.common.ScaleOutSteps;

/**
 * The reactive layer prewarm renders for an Auto Scaling group, as the simulator runs it:
 *
 * <ul>
 *   <li>scale out (step scaling): when the load on in-service instances exceeds what they carry with
 *       the policy's headroom ({@code demand x (1 + headroom) > ready x perInstance}) for
 *       {@code outPeriods} consecutive one-minute periods, desired becomes {@code ready + max(minAdjustment,
 *       floor(ready x p / 100))}, where {@code p} is the step of the breach's band as {@code render.aws}
 *       writes them: {@code upPercent} just above the threshold, +50%, +100% and +200% from 25%, 50% and
 *       100% above it (never below {@code upPercent}). Instances still warming up are not in the
 *       aggregated metric and their capacity already counts toward desired, so a breach during warm-up
 *       adds only what a larger band asks beyond it;</li>
 *   <li>scale in (simple scaling): when the fleet would keep the headroom even after losing
 *       {@code downPercent} ({@code demand x (1 + headroom) < ready x perInstance x (1 - downPercent/100)})
 *       for {@code inPeriods} consecutive periods, nothing is booting, and the cooldown since the last
 *       scale-in has passed, desired drops by {@code max(1, floor(desired x downPercent / 100))} (AWS
 *       rounds a percentage change below one instance up to one).</li>
 * </ul>
 */
final class AwsStepScaling implements Controller {
    private final double perInstance;
    private final double headroom;
    private final int upPercent;
    private final int minAdjustment;
    private final int downPercent;
    private final int cooldownMinutes;
    private final int outPeriods;
    private final int inPeriods;

    private int outBreaches;
    private int inBreaches;
    private int lastScaleIn = Integer.MIN_VALUE / 2;

    AwsStepScaling(double perInstance, double headroom, int upPercent, int minAdjustment, int downPercent,
                   int cooldownMinutes, int outPeriods, int inPeriods) {
        if (!(perInstance > 0) || headroom < 0 || upPercent < 1 || minAdjustment < 1 || downPercent < 0
                || cooldownMinutes < 0 || outPeriods < 1 || inPeriods < 1) {
            throw new IllegalArgumentException("simulating step scaling: invalid settings");
        }
        this.perInstance = perInstance;
        this.headroom = headroom;
        this.upPercent = upPercent;
        this.minAdjustment = minAdjustment;
        this.downPercent = downPercent;
        this.cooldownMinutes = cooldownMinutes;
        this.outPeriods = outPeriods;
        this.inPeriods = inPeriods;
    }

    /**
     * As rendered by {@code render.aws}: {@code min_adjustment_magnitude = max(1, ceil(min x up%))}, a
     * two-minute scale-out alarm, and a scale-in alarm over the cooldown window in minutes.
     */
    static AwsStepScaling rendered(double perInstance, double headroom, int policyMin, int upPercent, int downPercent,
                                   int cooldownMinutes) {
        int minAdjustment = Math.max(1, (int) Math.ceil(policyMin * upPercent / 100.0));
        return new AwsStepScaling(perInstance, headroom, upPercent, minAdjustment, downPercent, cooldownMinutes, 2,
                Math.max(1, cooldownMinutes));
    }

    @Override
    public int decide(int minute, double demand, int ready, int starting, int desired, int min, int max) {
        double need = demand * (1 + headroom);
        outBreaches = need > ready * perInstance ? outBreaches + 1 : 0;
        inBreaches = need < ready * perInstance * (1 - downPercent / 100.0) ? inBreaches + 1 : 0;
        if (outBreaches >= outPeriods) {
            double breach = ready == 0 ? Double.POSITIVE_INFINITY : need / (ready * perInstance) - 1;
            int step = Math.max(minAdjustment, ready * ScaleOutSteps.percentFor(upPercent, breach) / 100);
            int wanted = ready + Math.max(1, step);
            return Math.max(desired, Math.min(max, wanted));
        }
        if (inBreaches >= inPeriods && starting == 0 && minute - lastScaleIn >= cooldownMinutes && desired > min
                && downPercent > 0) {
            int remove = Math.max(1, desired * downPercent / 100);
            lastScaleIn = minute;
            return Math.max(min, desired - remove);
        }
        return desired;
    }
}
