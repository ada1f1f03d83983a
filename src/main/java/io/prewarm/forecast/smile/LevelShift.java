package io.prewarm.forecast.smile;

/**
 * Detects a recent sustained level shift (a launch, a migration, a lost customer) and rescales the
 * history before it, so every model, the seasonal naive included, learns the new level while keeping
 * the weekly shape it learned from older weeks. Works on daily levels of the deseasonalized series:
 * the shift is accepted when every day since it sits at least {@link #MIN_DAY_RATIO} away from the
 * median of the week before, on the same side, and the median ratio exceeds {@link #MIN_RATIO}.
 *
 * <p>Both bars rise with the series' own day-to-day noise: on a bursty series (social mentions, news
 * traffic) a week at twice the usual level is a burst that has happened before and will fade, not a
 * launch. The noise is the robust spread of each day's log level against the median of the week before
 * it, measured only on days before the candidate shift; a shift must exceed {@link #NOISE_SIGMAS} of it
 * (and every day since must exceed half that).
 */
final class LevelShift {
    static final double MIN_RATIO = 1.3;
    static final double MIN_DAY_RATIO = 1.15;
    static final double NOISE_SIGMAS = 4.0;

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
        double bestDayLog = Math.log(MIN_DAY_RATIO);
        for (int k = 1; k <= days - 4 && k <= 14; k++) {
            double sigma = noise(level, days - k);
            double minLog = Math.max(Math.log(MIN_RATIO), NOISE_SIGMAS * sigma);
            double dayLog = Math.max(Math.log(MIN_DAY_RATIO), 0.5 * NOISE_SIGMAS * sigma);
            double after = Stats.medianInPlace(java.util.Arrays.copyOfRange(level, days - k, days), k);
            int bFrom = Math.max(0, days - k - 7);
            double before = Stats.medianInPlace(java.util.Arrays.copyOfRange(level, bFrom, days - k), days - k - bFrom);
            if (Double.isNaN(after) || Double.isNaN(before) || before <= 0) {
                continue;
            }
            double r = after / before;
            if (Math.abs(Math.log(r)) <= Math.max(bestLog, minLog)
                    || !allBeyond(level, days - k, days, before, r > 1, dayLog)) {
                continue;
            }
            bestLog = Math.abs(Math.log(r));
            bestDayLog = dayLog;
            best = new Shift(n - k * pd, r);
            bestK = k;
            bestBefore = before;
        }
        if (best == null) {
            return null;
        }
        // Noise can make a later start look slightly stronger; the shift starts at the first shifted day.
        int k = bestK;
        while (k < days - 1 && allBeyond(level, days - k - 1, days - k, bestBefore, best.ratio() > 1, bestDayLog)
                && !Double.isNaN(level[days - k - 1])) {
            k++;
        }
        return new Shift(n - k * pd, best.ratio());
    }

    /**
     * Robust spread (1.4826 x MAD) of log(day level / median of the 7 days before it) over days
     * {@code [1, to)}; 0 when fewer than 5 days qualify.
     */
    static double noise(double[] level, int to) {
        double[] dev = new double[Math.max(0, to)];
        int c = 0;
        for (int d = 1; d < to; d++) {
            double prior = Stats.medianInPlace(java.util.Arrays.copyOfRange(level, Math.max(0, d - 7), d), Math.min(d, 7));
            if (!Double.isNaN(level[d]) && !Double.isNaN(prior) && prior > 0 && level[d] > 0) {
                dev[c++] = Math.log(level[d] / prior);
            }
        }
        if (c < 5) {
            return 0;
        }
        double med = Stats.medianInPlace(dev.clone(), c);
        for (int i = 0; i < c; i++) {
            dev[i] = Math.abs(dev[i] - med);
        }
        return 1.4826 * Stats.medianInPlace(dev, c);
    }

    private static boolean allBeyond(double[] level, int from, int to, double before, boolean up, double dayLog) {
        for (int d = from; d < to; d++) {
            if (Double.isNaN(level[d])) {
                continue;
            }
            double r = Math.log(level[d] / before);
            if (up ? r < dayLog : r > -dayLog) {
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
