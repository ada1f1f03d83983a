package io.prewarm.forecast.smile;

/**
 * Marks incident dips and one-off spikes as missing before any model sees them, so an outage on a
 * Tuesday does not teach the models that Tuesdays are quiet. A sample is an outlier when it departs
 * from (seasonal profile x local level) by more than {@link #SIGMAS} robust standard deviations and
 * by at least {@link #MIN_RELATIVE}. The local level is a running median over one day of the
 * deseasonalized series, so a level shift (a launch) moves the level within half a day and is kept,
 * while a dip of a few hours is not. When too much would be removed the series is left as it is: the
 * "anomaly" is then the pattern.
 */
final class AnomalyFilter {
    static final double SIGMAS = 5.0;
    static final double MIN_RELATIVE = 0.25;
    static final double MAX_SHARE = 0.10;

    private AnomalyFilter() {
    }

    /** Result: the cleaned copy and how many samples were removed. */
    record Result(double[] cleaned, int removed, boolean skipped) {
    }

    static Result clean(double[] y, int n, Grid g) {
        boolean week = n >= 2 * g.slotsPerWeek;
        int p = g.period(week);
        if (n < 2 * g.slotsPerDay || n < 2 * p) {
            return new Result(y.clone(), 0, false);
        }
        int[] slots = g.slots(week);
        double[] ys = Stats.smooth(y, n, Math.max(1, g.perHour / 4));
        ProfileModel pm = new ProfileModel(week, 8, true, 1, 0);
        double[] s = pm.profile(ys, n, slots, p, new double[Math.min(8, n / p)]);
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            double sv = s[slots[t]];
            d[t] = Double.isNaN(ys[t]) || sv < 0.05 ? Double.NaN : ys[t] / sv;
        }
        double[] level = strideMedian(d, n, g.slotsPerDay / 2, g.perHour);
        double[] rel = new double[n];
        double scale = Stats.median(java.util.Arrays.copyOf(ys, n));
        double floor = Math.max(1e-9, 0.05 * Math.abs(Double.isNaN(scale) ? 0 : scale));
        for (int t = 0; t < n; t++) {
            double fit = s[slots[t]] * level[t];
            rel[t] = Double.isNaN(ys[t]) || Double.isNaN(fit) ? Double.NaN : (ys[t] - fit) / Math.max(fit, floor);
        }
        double[] tmp = rel.clone();
        double med = Stats.medianInPlace(tmp, n);
        for (int t = 0; t < n; t++) {
            tmp[t] = Double.isNaN(rel[t]) ? Double.NaN : Math.abs(rel[t] - med);
        }
        double sigma = 1.4826 * Stats.medianInPlace(tmp, n);
        double limit = Math.max(SIGMAS * sigma, MIN_RELATIVE);
        double[] out = y.clone();
        int removed = 0;
        // The last hours are kept: a departure that lasts until now may be a level shift in progress.
        int protectFrom = n - g.slotsPerDay / 4;
        for (int t = 0; t < protectFrom; t++) {
            if (!Double.isNaN(rel[t]) && Math.abs(rel[t] - med) > limit) {
                out[t] = Double.NaN;
                removed++;
            }
        }
        if (removed > MAX_SHARE * n) {
            return new Result(y.clone(), 0, true);
        }
        return new Result(out, removed, false);
    }

    /** Centered running median of half-width {@code half}, evaluated every {@code stride} samples. */
    private static double[] strideMedian(double[] v, int n, int half, int stride) {
        double[] out = new double[n];
        double[] buf = new double[2 * half + 1];
        for (int c = 0; c < n; c += stride) {
            int cnt = 0;
            int a = Math.max(0, c - half);
            int b = Math.min(n - 1, c + half);
            for (int j = a; j <= b; j++) {
                buf[cnt++] = v[j];
            }
            double m = Stats.medianInPlace(buf, cnt);
            for (int j = c; j < Math.min(n, c + stride); j++) {
                out[j] = m;
            }
        }
        return out;
    }
}
