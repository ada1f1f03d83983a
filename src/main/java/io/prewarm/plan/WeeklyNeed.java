package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.Forecast;

import java.time.DayOfWeek;
import java.util.Arrays;

/**
 * The horizon folded onto the week grid: what the recurring schedule must carry in a normal week.
 * Emergency floors are left out (they expire; one-off actions carry them), holidays are replaced by the
 * same time of day on normal days of the same kind (weekday or weekend), so next week's schedule does
 * not inherit a holiday's dip. Slots the horizon does not reach (a horizon under a week) take the
 * largest value at that time of day, and a horizon over a week takes the largest of the repeats: both
 * err on the side of capacity. Pre-warm is applied on the cycle, so Monday's rise is prepared on Sunday.
 *
 * @param need   per slot: instances in place at that slot (target, lead-shifted)
 * @param reason per slot: the reason of the value
 * @param driver per slot: the horizon step that sets the value, or -1
 */
record WeeklyNeed(int[] need, ReasonCode[] reason, int[] driver) {

    static WeeklyNeed of(Requirements req, WeekGrid grid, Forecast forecast, int lead) {
        int slots = grid.slots();
        int perDay = grid.slotsPerDay();
        int[] slotOf = new int[req.n];
        // best normal value per (weekend?, slot of day) and per slot of day, over non-holiday steps
        int[][] kindMax = new int[2][perDay];
        int[][] kindArg = new int[2][perDay];
        for (int[] row : kindMax) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < req.n; i++) {
            slotOf[i] = grid.slotOf(forecast.timeAt(i));
            if (!req.holiday[i]) {
                int kind = weekend(grid.day(slotOf[i])) ? 1 : 0;
                int sod = grid.slotOfDay(slotOf[i]);
                if (req.normalTarget[i] > kindMax[kind][sod]) {
                    kindMax[kind][sod] = req.normalTarget[i];
                    kindArg[kind][sod] = i;
                }
            }
        }
        int[] target = new int[slots];
        int[] driver = new int[slots];
        Arrays.fill(target, -1);
        Arrays.fill(driver, -1);
        for (int i = 0; i < req.n; i++) {
            int s = slotOf[i];
            int src = req.holiday[i] ? proxy(kindMax, kindArg, weekend(grid.day(s)) ? 1 : 0, grid.slotOfDay(s), i) : i;
            if (req.normalTarget[src] > target[s]) {
                target[s] = req.normalTarget[src];
                driver[s] = src;
            }
        }
        fillMissing(target, driver, req, grid, kindMax, kindArg);
        int[] from = new int[slots];
        int[] need = Requirements.leadMax(target, lead, true, from);
        ReasonCode[] reason = new ReasonCode[slots];
        int[] needDriver = new int[slots];
        for (int s = 0; s < slots; s++) {
            int d = driver[from[s]];
            needDriver[s] = d;
            ReasonCode base = d >= 0 ? req.normalReason[d] : ReasonCode.BASELINE;
            reason[s] = need[s] > target[s] && !Requirements.isLimit(base) ? ReasonCode.PREWARM : base;
        }
        return new WeeklyNeed(need, reason, needDriver);
    }

    private static int proxy(int[][] kindMax, int[][] kindArg, int kind, int sod, int self) {
        if (kindMax[kind][sod] >= 0) {
            return kindArg[kind][sod];
        }
        if (kindMax[1 - kind][sod] >= 0) {
            return kindArg[1 - kind][sod];
        }
        return self;
    }

    private static void fillMissing(int[] target, int[] driver, Requirements req, WeekGrid grid, int[][] kindMax,
                                    int[][] kindArg) {
        int globalMax = -1;
        int globalArg = -1;
        for (int i = 0; i < req.n; i++) {
            if (req.normalTarget[i] > globalMax) {
                globalMax = req.normalTarget[i];
                globalArg = i;
            }
        }
        for (int s = 0; s < target.length; s++) {
            if (target[s] >= 0) {
                continue;
            }
            int sod = grid.slotOfDay(s);
            int kind = weekend(grid.day(s)) ? 1 : 0;
            int src = kindMax[kind][sod] >= 0 ? kindArg[kind][sod]
                    : kindMax[1 - kind][sod] >= 0 ? kindArg[1 - kind][sod] : globalArg;
            target[s] = src >= 0 ? req.normalTarget[src] : 0;
            driver[s] = src;
        }
    }

    private static boolean weekend(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
