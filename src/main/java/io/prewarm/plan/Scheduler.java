package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.Forecast;

/**
 * Turns the requirements into the capacity a set of scheduled actions realises, within the quota.
 *
 * <ol>
 *   <li>The weekly need is shaped by the step rules on the cycle ("closure"), so the compression sees
 *       the gentle scale-down staircases as part of what must be carried.</li>
 *   <li>{@link SegmentCompressor} gives, for every segment count {@code k}, the least over-provisioned
 *       weekly step function above the closure.</li>
 *   <li>For each {@code k}, the rules are applied again (merging can create a fall steeper than allowed;
 *       the repair only raises), the horizon is laid on the weekly schedule, and holidays and emergency
 *       floors are added on top as one-off actions (a one-off wherever the planned capacity differs from
 *       what the weekly actions alone would leave in force).</li>
 *   <li>Of the {@code k} whose weekly plus one-off actions fit the quota, the one with the least
 *       over-provisioned instance-steps over the horizon wins (ties: fewer actions).</li>
 * </ol>
 * The capacity in the timeline is exactly what the actions produce when the latest action in force
 * wins and a one-off wins over a weekly action at the same instant.
 */
final class Scheduler {

    /** The chosen schedule. */
    record Result(int[] capacity, ReasonCode[] capacityReason, int[] weekly, ReasonCode[] weeklyReason,
                  boolean[] weeklyAction, boolean[] oneOff, int[] slotOf, int[] need, int[] needFrom,
                  long overProvision, int actionCount, int segments, boolean folded, WeeklyNeed weeklyNeed) {
    }

    private final Requirements req;
    private final WeeklyNeed week;
    private final WeekGrid grid;
    private final Forecast forecast;
    private final StepRules rules;
    private final int lead;
    /** Steps in the second pass of a local hour repeated when the clock falls back: weekly actions do not fire again. */
    private final boolean[] repeated;

    Scheduler(Requirements req, WeeklyNeed week, WeekGrid grid, Forecast forecast, StepRules rules, int lead) {
        this.req = req;
        this.week = week;
        this.grid = grid;
        this.forecast = forecast;
        this.rules = rules;
        this.lead = lead;
        this.repeated = new boolean[req.n];
    }

    Result schedule(int quota) {
        int n = req.n;
        int[] needFrom = new int[n];
        int[] need = Requirements.leadMax(req.target, lead, false, needFrom);
        int[] slotOf = new int[n];
        for (int i = 0; i < n; i++) {
            slotOf[i] = grid.slotOf(forecast.timeAt(i));
            repeated[i] = grid.repeatedLocalTime(forecast.timeAt(i));
        }
        Result normal = attempt(quota, week, need, needFrom, slotOf, false);
        if (normal != null) {
            return normal;
        }
        // too many one-offs for the quota: carry holidays and emergency floors in the weekly schedule
        // instead (safe, over-provisioned next week until the next plan) and say so
        Result folded = attempt(quota, fold(need, needFrom, slotOf), need, needFrom, slotOf, true);
        if (folded == null) {
            throw new IllegalStateException("scheduling: even one weekly action plus the one-off actions exceed the"
                    + " quota of " + quota + " actions");
        }
        return folded;
    }

    private Result attempt(int quota, WeeklyNeed weeklyNeed, int[] need, int[] needFrom, int[] slotOf,
                           boolean folded) {
        StepRules.Shaped closure = rules.cyclic(weeklyNeed.need());
        SegmentCompressor compressor = new SegmentCompressor(closure.levels(), Math.max(1, quota));
        // The winner is the least over-provision, then the fewest actions, then the fewest segments. Most
        // segment counts cannot win, and evaluating one (two passes of the rules over the horizon) is the
        // costly part, so: from the most segments down, a count whose levels equal those of one fewer is
        // left to that one (same result, fewer segments), and a count whose lower bound already exceeds
        // the best over-provision is not evaluated (the rules only raise, so it cannot get better).
        Result best = null;
        for (int k = compressor.maxSegments(); k >= 1; k--) {
            if (k > 1 && compressor.cost(k) == compressor.cost(k - 1)) {
                continue;
            }
            int[] levels = compressor.levels(k);
            if (best != null && overProvisionAtLeast(levels, need, slotOf, folded) > best.overProvision()) {
                continue;
            }
            Result r = evaluate(levels, closure, weeklyNeed, need, needFrom, slotOf, k, folded, false);
            if (r.actionCount() <= quota && (best == null || r.overProvision() < best.overProvision()
                    || r.overProvision() == best.overProvision() && (r.actionCount() < best.actionCount()
                    || r.actionCount() == best.actionCount() && r.segments() < best.segments()))) {
                best = r;
            }
        }
        // reasons only for the winner
        return best == null ? null : evaluate(compressor.levels(best.segments()), closure, weeklyNeed, need, needFrom,
                slotOf, best.segments(), folded, true);
    }

    /**
     * A lower bound of {@link #evaluate}'s over-provision for a compressed week: every step carries at
     * least its weekly level (except holidays, planned from their need alone) and never less than its
     * need, because the rules only ever raise a target.
     */
    private long overProvisionAtLeast(int[] compressed, int[] need, int[] slotOf, boolean folded) {
        long over = 0;
        for (int i = 0; i < req.n; i++) {
            if (!(req.holiday[i] && !folded)) {
                over += Math.max(compressed[slotOf[i]], need[i]) - need[i];
            }
        }
        return over;
    }

    /** The weekly need raised by every step of the horizon, holidays and emergency floors included. */
    private WeeklyNeed fold(int[] need, int[] needFrom, int[] slotOf) {
        int[] n2 = week.need().clone();
        ReasonCode[] r2 = week.reason().clone();
        int[] d2 = week.driver().clone();
        for (int i = 0; i < req.n; i++) {
            int s = slotOf[i];
            if (need[i] > n2[s]) {
                n2[s] = need[i];
                d2[s] = needFrom[i];
                r2[s] = req.emergency[i] ? ReasonCode.EMERGENCY_FLOOR : req.holiday[i] ? ReasonCode.HOLIDAY
                        : need[i] > req.target[i] ? ReasonCode.PREWARM : req.targetReason[i];
            }
        }
        return new WeeklyNeed(n2, r2, d2);
    }

    private Result evaluate(int[] compressed, StepRules.Shaped closure, WeeklyNeed weeklyNeed, int[] need,
                            int[] needFrom, int[] slotOf, int k, boolean folded, boolean explain) {
        int slots = compressed.length;
        StepRules.Shaped weekly = rules.cyclic(compressed);
        int[] wl = weekly.levels();
        boolean[] bp = new boolean[slots];
        int weeklyCount = 0;
        for (int s = 0; s < slots; s++) {
            bp[s] = wl[s] != wl[(s - 1 + slots) % slots];
            weeklyCount += bp[s] ? 1 : 0;
        }
        if (weeklyCount == 0) {
            bp[0] = true; // a flat week still needs one action to set its floor
            weeklyCount = 1;
        }
        ReasonCode[] weeklyReason = null;
        if (explain) {
            // a rule that raised a level in the closure still explains it when compression left it alone
            ReasonCode[] raised = new ReasonCode[slots];
            for (int s = 0; s < slots; s++) {
                raised[s] = weekly.raisedBy()[s] != null ? weekly.raisedBy()[s]
                        : wl[s] == closure.levels()[s] ? closure.raisedBy()[s] : null;
            }
            weekly = new StepRules.Shaped(wl, raised, weekly.after(), weekly.firstIndex());
            weeklyReason = weeklyReasons(weekly, closure, bp, weeklyNeed);
        }
        int n = req.n;
        int prevSlot = (slotOf[0] - 1 + slots) % slots;
        StepRules.State seed = weekly.after()[prevSlot];
        long seedIndex = weekly.firstIndex() + prevSlot;
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = req.holiday[i] && !folded ? need[i] : Math.max(wl[slotOf[i]], need[i]);
        }
        StepRules.Shaped horizon = rules.linear(target, seed, seedIndex + 1);
        int[] cap = horizon.levels();
        boolean[] oneOff = new boolean[n];
        int oneOffs = 0;
        int inForce = wl[slotOf[0]]; // fired at step 0, or unchanged since the slot before
        long over = 0;
        ReasonCode[] capReason = new ReasonCode[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && !repeated[i] && weeklyFires(bp, slotOf[i - 1], slotOf[i])) {
                inForce = wl[slotOf[i]];
            }
            if (cap[i] != inForce) {
                oneOff[i] = true;
                oneOffs++;
                inForce = cap[i];
            }
            over += cap[i] - need[i];
            if (!explain) {
                continue;
            }
            ReasonCode weeklyWhy = weekly.raisedBy()[slotOf[i]] != null ? weekly.raisedBy()[slotOf[i]]
                    : weeklyReason[slotOf[i]];
            capReason[i] = reasonAt(i, cap, horizon, need, wl[slotOf[i]], weeklyWhy);
        }
        return new Result(cap, capReason, wl, weeklyReason, bp, oneOff, slotOf, need, needFrom, over,
                weeklyCount + oneOffs, k, folded, weeklyNeed);
    }

    /**
     * Whether a weekly action fires after slot {@code from} up to slot {@code to}. Usually they are
     * neighbours; when the clock springs forward, the skipped slots' actions fire at the first valid
     * time (as cron does, and as {@code ZonedDateTime} resolves a gap); when it falls back, the repeated
     * slots do not fire again.
     */
    static boolean weeklyFires(boolean[] bp, int from, int to) {
        int slots = bp.length;
        int d = (to - from + slots) % slots;
        if (d == 0 || d > slots / 2) {
            return false;
        }
        for (int k = 1; k <= d; k++) {
            if (bp[(from + k) % slots]) {
                return true;
            }
        }
        return false;
    }

    /** Why the weekly action at each breakpoint sets its level; other slots inherit their action's reason. */
    private ReasonCode[] weeklyReasons(StepRules.Shaped weekly, StepRules.Shaped closure, boolean[] bp,
                                       WeeklyNeed weeklyNeed) {
        int slots = bp.length;
        int[] wl = weekly.levels();
        ReasonCode[] out = new ReasonCode[slots];
        int start = 0;
        while (!bp[start]) {
            start++;
        }
        ReasonCode current = null;
        for (int p = 0; p < slots; p++) {
            int s = (start + p) % slots;
            if (bp[s]) {
                current = segmentReason(s, weekly, closure, bp, weeklyNeed);
            }
            out[s] = current;
        }
        return out;
    }

    private ReasonCode segmentReason(int s, StepRules.Shaped weekly, StepRules.Shaped closure, boolean[] bp,
                                     WeeklyNeed weeklyNeed) {
        int slots = bp.length;
        int before = (s - 1 + slots) % slots;
        if (weekly.levels()[s] < weekly.levels()[before] && weekly.raisedBy()[before] == ReasonCode.BACKOFF) {
            return ReasonCode.BACKOFF; // a scale-down that came late because the cooldown had backed off
        }
        if (weekly.raisedBy()[s] != null) {
            return weekly.raisedBy()[s];
        }
        int level = weekly.levels()[s];
        for (int p = 0; p < slots; p++) {
            int q = (s + p) % slots;
            if (p > 0 && bp[q]) {
                break;
            }
            if (closure.levels()[q] == level) {
                return closure.raisedBy()[q] != null ? closure.raisedBy()[q] : weeklyNeed.reason()[q];
            }
        }
        return weeklyNeed.reason()[s];
    }

    private ReasonCode reasonAt(int i, int[] cap, StepRules.Shaped horizon, int[] need, int weeklyLevel,
                                ReasonCode weeklyWhy) {
        if (horizon.raisedBy()[i] != null) {
            return horizon.raisedBy()[i];
        }
        if (cap[i] == weeklyLevel && !req.holiday[i] && !req.emergency[i]) {
            // a step carried exactly at its own requirement says so; over-provisioned ones (merged into a
            // segment, held by a rule) give the reason of the action in force
            if (cap[i] == req.target[i] && horizonRaised(weeklyWhy)) {
                return req.targetReason[i];
            }
            boolean prewarmedHere = cap[i] == need[i] && need[i] > req.target[i];
            if (weeklyWhy == ReasonCode.PREWARM && !prewarmedHere) {
                return ReasonCode.PREDICTED_PEAK; // inside the peak the pre-warmed segment was raised for
            }
            return weeklyWhy;
        }
        if (req.emergency[i] && cap[i] == req.target[i]) {
            return ReasonCode.EMERGENCY_FLOOR;
        }
        if (req.holiday[i]) {
            return ReasonCode.HOLIDAY;
        }
        if (cap[i] == need[i] && need[i] > req.target[i]) {
            ReasonCode driver = req.targetReason[needFromOf(i, need)];
            return Requirements.isLimit(driver) ? driver : ReasonCode.PREWARM;
        }
        return req.targetReason[i];
    }

    /** Reasons that describe why a level was set, not a rule that held it up. */
    private static boolean horizonRaised(ReasonCode weeklyWhy) {
        return weeklyWhy != ReasonCode.SCALE_DOWN_STEP && weeklyWhy != ReasonCode.BACKOFF
                && weeklyWhy != ReasonCode.SCALE_UP_STEP;
    }

    private int needFromOf(int i, int[] need) {
        for (int j = i; j < Math.min(req.n, i + lead + 1); j++) {
            if (req.target[j] == need[i]) {
                return j;
            }
        }
        return i;
    }
}
