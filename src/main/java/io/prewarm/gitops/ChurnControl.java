package io.prewarm.gitops;

import java.util.Locale;
import java.util.Optional;

/**
 * Plan churn control: a new plan is proposed only when it differs enough from what the base branch holds,
 * so merge requests do not oscillate the way capacity would without a cooldown. A plan is held back when
 * its Terraform equals the base branch's (only forecast details such as scores or notes moved), or when the
 * limits are the same, the peak is not higher and no hour of the week moves by {@code minChangePercent} or
 * more. A first plan, a changed limit, a higher peak or a render-only change (same schedule, different
 * Terraform) is always proposed.
 *
 * @param minChangePercent the smallest hourly change of the scheduled floor worth a review, in percent of the
 *                         current peak; 0 proposes every change
 */
public record ChurnControl(double minChangePercent) {
    /** 10%: below that, a capacity change is forecast noise rather than a new decision. */
    public static final double DEFAULT_MIN_CHANGE_PERCENT = 10;

    public ChurnControl {
        if (!(minChangePercent >= 0 && minChangePercent <= 100)) {
            throw new IllegalArgumentException("churn threshold must be 0..100 percent, got " + minChangePercent);
        }
    }

    public static ChurnControl defaults() {
        return new ChurnControl(DEFAULT_MIN_CHANGE_PERCENT);
    }

    /** Whether to propose, and why, in words a reviewer or an operator reads in the run summary. */
    public record Decision(boolean propose, String reason, double maxChangePercent) {
    }

    /**
     * @param current          what the base branch holds, if anything
     * @param proposed         the new plan
     * @param terraformChanged whether any Terraform file differs from the base branch's
     */
    public Decision decide(Optional<PlanSnapshot> current, PlanSnapshot proposed, boolean terraformChanged) {
        if (current.isEmpty()) {
            return new Decision(true, "no plan on the base branch yet", 100);
        }
        PlanSnapshot c = current.get();
        double change = maxHourlyChangePercent(c, proposed);
        if (!terraformChanged) {
            return new Decision(false, "terraform unchanged: only forecast details moved", change);
        }
        String pct = String.format(Locale.ROOT, "%.1f%%", change);
        if (c.min() != proposed.min() || c.max() != proposed.max() || c.policyMax() != proposed.policyMax()) {
            return new Decision(true, "limits changed (min " + c.min() + " -> " + proposed.min() + ", max " + c.max()
                    + " -> " + proposed.max() + ")", change);
        }
        if (proposed.peakCapacity() > c.peakCapacity()) {
            return new Decision(true, "new peak " + proposed.peakCapacity() + " above " + c.peakCapacity(), change);
        }
        if (c.actions().equals(proposed.actions())) {
            return new Decision(true, "same schedule, rendering changed", change);
        }
        if (change >= minChangePercent) {
            return new Decision(true, "capacity changes by up to " + pct, change);
        }
        return new Decision(false, String.format(Locale.ROOT, "below churn threshold: capacity changes by at most "
                + "%s (< %s%%) and no new peak", pct, PlanSnapshot.num(minChangePercent)), change);
    }

    /** Hours the floors are averaged over before comparing: a ramp that moves by minutes is not a new decision. */
    static final int WINDOW_HOURS = 3;

    /**
     * The largest change of the scheduled floor, averaged over any {@value #WINDOW_HOURS}-hour window of the
     * week, relative to the current schedule's peak (the fleet's size), so one instance more or less on a
     * small night floor, or a ramp a few minutes earlier, does not count as a large change.
     */
    static double maxHourlyChangePercent(PlanSnapshot current, PlanSnapshot proposed) {
        int n = PlanSnapshot.HOURS_PER_WEEK;
        double max = 0;
        for (int h = 0; h < n; h++) {
            double diff = 0;
            for (int k = 0; k < WINDOW_HOURS; k++) {
                diff += proposed.hourly().get((h + k) % n) - current.hourly().get((h + k) % n);
            }
            max = Math.max(max, Math.abs(diff) / WINDOW_HOURS);
        }
        return PlanSnapshot.round2(max / Math.max(current.peakCapacity(), 1) * 100);
    }
}
