package io.prewarm.forecast.smile;

/**
 * Detects a recent sustained level shift (a launch, a migration, a lost customer) and rescales the
 * history before it, so every model, the seasonal naive included, learns the new level while keeping
 * the weekly shape it learned from older weeks. Works on daily levels of the deseasonalized series:
 * the shift is accepted when every day since it sits at least {@link #MIN_DAY_RATIO} away from the
 * median of the week before, on the same side, and the median ratio exceeds {@link #MIN_RATIO}.
 */
final class LevelShift {
    static final double MIN_RATIO = 1.3;
    static final double MIN_DAY_RATIO = 1.15;

    /** Where the shift starts (index into history) and the factor applied to the samples before it. */
    record Shift(int index, double ratio) {
    }

    private LevelShift() {
    }

    /** @return the most recent shift, or null */
    static Shift detect(double[] y, int n, Grid g) {
        int pd = g.slotsPerDay;
        boolean week = n >= 2 * g.slotsPerWeek;
        int p = g.period(week);
        int days = n / pd;
        if (days < 5 || n < 2 * p) {
            return null;
        }
        int[] slots = g.slots(week);
        double[] ys = Stats.smooth(y, n, g.perHour);
        double[] s = new ProfileModel(week, 8, true, 1, 0).profile(ys, n, slots, p, new double[Math.min(8, n / p)]);
        double[] level = new double[days];
        for (int d = 0; d < days; d++) {
            int to = n - (days - 1 - d) * pd;
            double num = 0;
            double den = 0;
            int c = 0;
            for (int t = to - pd; t < to; t++) {
                if (!Double.isNaN(ys[t])) {
                    num += ys[t];
                    den += s[slots[t]];
                    c++;
                }
            }
            level[d] = c >= pd / 2 && den > 0 && num > 0 ? num / den : Double.NaN;
        }
        Shift best = null;
        int bestK = 0;
        double bestBefore = 0;
        double bestLog = Math.log(MIN_RATIO);
        for (int k = 1; k <= days - 4 && k <= 14; k++) {
            double after = Stats.medianInPlace(java.util.Arrays.copyOfRange(level, days - k, days), k);
            int bFrom = Math.max(0, days - k - 7);
            double before = Stats.medianInPlace(java.util.Arrays.copyOfRange(level, bFrom, days - k), days - k - bFrom);
            if (Double.isNaN(after) || Double.isNaN(before) || before <= 0) {
                continue;
            }
            double r = after / before;
            if (Math.abs(Math.log(r)) <= bestLog || !allBeyond(level, days - k, days, before, r > 1)) {
                continue;
            }
            bestLog = Math.abs(Math.log(r));
            best = new Shift(n - k * pd, r);
            bestK = k;
            bestBefore = before;
        }
        if (best == null) {
            return null;
        }
        // Noise can make a later start look slightly stronger; the shift starts at the first shifted day.
        int k = bestK;
        while (k < days - 1 && allBeyond(level, days - k - 1, days - k, bestBefore, best.ratio() > 1)
                && !Double.isNaN(level[days - k - 1])) {
            k++;
        }
        return new Shift(n - k * pd, best.ratio());
    }

    private static boolean allBeyond(double[] level, int from, int to, double before, boolean up) {
        for (int d = from; d < to; d++) {
            if (Double.isNaN(level[d])) {
                continue;
            }
            double r = level[d] / before;
            if (up ? r < MIN_DAY_RATIO : r > 1 / MIN_DAY_RATIO) {
                return false;
            }
        }
        return true;
    }

    /** A copy with the samples before the shift multiplied by its ratio. */
    static double[] apply(double[] y, Shift shift) {
        double[] out = y.clone();
        for (int t = 0; t < shift.index(); t++) {
            out[t] *= shift.ratio();
        }
        return out;
    }
}
