package io.prewarm.forecast.smile;

/**
 * Seasonal naive: each future step repeats the last observed value in the same slot of the week (or
 * of the day). Looking up by calendar slot rather than by a fixed lag keeps it right across a
 * daylight-saving change and lets a holiday copy last Sunday. Gaps fall back to the same slot of the
 * day, then to the median of history.
 */
final class SeasonalNaive implements Model {
    private final boolean week;
    private final boolean drift;

    SeasonalNaive(boolean week) {
        this(week, false);
    }

    /**
     * @param drift add the median cycle-over-cycle change of the last cycles once per cycle ahead,
     *              which follows a steadily growing (or shrinking) series
     */
    SeasonalNaive(boolean week, boolean drift) {
        this.week = week;
        this.drift = drift;
    }

    @Override
    public String name() {
        return (week ? "seasonal-naive-week" : "seasonal-naive-day") + (drift ? "-drift" : "");
    }

    @Override
    public int minHistory(Grid g) {
        return g.period(week) * (drift ? 3 : 1);
    }

    @Override
    public double[] forecast(double[] y, int n, Grid g, int h) {
        int[] slots = g.slots(week);
        double[] last = lastBySlot(y, n, slots, g.period(week));
        double[] lastDay = lastBySlot(y, n, g.daySlot, g.slotsPerDay);
        double fallback = Stats.median(java.util.Arrays.copyOf(y, n));
        int p = g.period(week);
        double d = drift ? drift(y, n, p) : 0;
        double[] f = new double[h];
        for (int k = 0; k < h; k++) {
            int i = n + k;
            double v = last[slots[i]];
            if (Double.isNaN(v)) {
                v = lastDay[g.daySlot[i]];
            }
            f[k] = (Double.isNaN(v) ? fallback : v) + d * (1 + k / p);
        }
        return f;
    }

    /** Median of y[t] - y[t-p] over the last two cycles. */
    private static double drift(double[] y, int n, int p) {
        int from = Math.max(p, n - 2 * p);
        double[] d = new double[n - from];
        for (int t = from; t < n; t++) {
            d[t - from] = y[t] - y[t - p];
        }
        double m = Stats.medianInPlace(d, d.length);
        return Double.isNaN(m) ? 0 : m;
    }

    static double[] lastBySlot(double[] y, int n, int[] slots, int period) {
        double[] last = new double[period];
        java.util.Arrays.fill(last, Double.NaN);
        int found = 0;
        for (int t = n - 1; t >= 0 && found < period; t--) {
            int s = slots[t];
            if (Double.isNaN(last[s]) && !Double.isNaN(y[t])) {
                last[s] = y[t];
                found++;
            }
        }
        return last;
    }
}
