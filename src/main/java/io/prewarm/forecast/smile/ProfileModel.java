package io.prewarm.forecast.smile;

/**
 * Seasonal profile times level: the shape of the week (or day) is the per-slot median, over the last
 * few cycles, of each sample relative to its cycle's mean, so one bad Tuesday (an incident dip, a
 * spike) does not move Tuesday's shape. The level is re-estimated from the most recent window, which
 * lets a level shift after a launch carry into the forecast; an optional damped trend extends the
 * change between the last two cycles. Sub-hourly data is smoothed over one hour first.
 */
final class ProfileModel implements Model {
    private final boolean week;
    private final int maxCycles;
    private final boolean multiplicative;
    private final double levelDays;
    private final double damping;
    private final boolean median;
    private final boolean robust;
    private final int pool;

    /**
     * @param levelDays length of the window that sets the level, in days
     * @param damping   damping of the trend per hour; 0 = no trend
     */
    ProfileModel(boolean week, int maxCycles, boolean multiplicative, double levelDays, double damping) {
        this(week, maxCycles, multiplicative, levelDays, damping, true);
    }

    /** @param median per-slot median (robust to one bad cycle) or mean (less noisy on many clean cycles) */
    ProfileModel(boolean week, int maxCycles, boolean multiplicative, double levelDays, double damping, boolean median) {
        this(week, maxCycles, multiplicative, levelDays, damping, median, false, 0);
    }

    /**
     * A robust multiplicative weekly profile: each cycle is normalized by its median instead of its mean,
     * and the level is the median of sample / profile over the level window instead of a ratio of sums.
     * On bursty series (heavy-tailed, a few hours at many times the usual) one burst then moves neither
     * the shape nor the level, and the forecast tracks the typical hour, which is what an absolute-error
     * score rewards.
     */
    static ProfileModel robust(int maxCycles, double levelDays) {
        return new ProfileModel(true, maxCycles, true, levelDays, 0, true, true, 0);
    }

    /**
     * {@link #robust}, with the per-slot median also pooling the same slot {@code poolHours}
     * hours earlier and later: on a noisy series the few cycles hold too few samples per slot for a stable
     * median, and the neighbouring hours have nearly the same shape. Selection decides whether the
     * smoother shape pays for the blurred peaks.
     */
    static ProfileModel robustPooled(int maxCycles, double levelDays, int poolHours) {
        return new ProfileModel(true, maxCycles, true, levelDays, 0, true, true, poolHours);
    }

    private ProfileModel(boolean week, int maxCycles, boolean multiplicative, double levelDays, double damping,
                         boolean median, boolean robust, int pool) {
        this.pool = pool;
        this.robust = robust;
        this.median = median;
        this.week = week;
        this.maxCycles = maxCycles;
        this.multiplicative = multiplicative;
        this.levelDays = levelDays;
        this.damping = damping;
    }

    @Override
    public String name() {
        return "profile-" + (week ? "week" : "day") + "-" + (multiplicative ? "mult" : "add") + "-level"
                + fmt(levelDays) + "d" + (damping > 0 ? "-trend" : "") + (median ? "" : "-mean" + maxCycles)
                + (robust ? "-robust" + maxCycles : "") + (pool > 0 ? "-pool" + pool + "h" : "");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Integer.toString((int) d) : Double.toString(d);
    }

    @Override
    public int minHistory(Grid g) {
        return g.period(week);
    }

    @Override
    public double[] forecast(double[] y, int n, Grid g, int h) {
        int p = g.period(week);
        int[] slots = g.slots(week);
        double[] ys = Stats.smooth(y, n, g.perHour);
        double[] cycleMeans = new double[Math.max(1, Math.min(maxCycles, n / p))];
        double[] s = profile(ys, n, slots, p, cycleMeans, g.perHour);
        int lw = (int) Math.max(1, Math.min(n, Math.round(levelDays * g.slotsPerDay)));
        double level = level(ys, n, slots, s, lw);
        if (Double.isNaN(level)) {
            level = Stats.mean(cycleMeans, 0, cycleMeans.length, 1);
        }
        double slope = 0;
        if (damping > 0 && cycleMeans.length >= 2 && !Double.isNaN(cycleMeans[0]) && !Double.isNaN(cycleMeans[1])) {
            slope = (cycleMeans[0] - cycleMeans[1]) / p;
        }
        double phi = damping > 0 ? Math.pow(damping, 1.0 / g.perHour) : 0;
        double[] f = new double[h];
        double lev = level;
        double phiK = 1;
        // The level describes the middle of its window; the trend runs on from there.
        for (int j = 0; j < lw / 2; j++) {
            phiK *= phi;
            lev += slope * phiK;
        }
        for (int k = 0; k < h; k++) {
            if (slope != 0) {
                phiK *= phi;
                lev += slope * phiK;
            }
            double sv = s[slots[n + k]];
            f[k] = multiplicative ? lev * sv : lev + sv;
        }
        return f;
    }

    /**
     * Per-slot median of sample / cycle mean (or sample - cycle mean) over the last cycles, cycles
     * aligned to end at {@code n}. Fills {@code cycleMeans} (most recent first). Normalized to mean 1
     * (or 0); slots never observed get the neutral value.
     */
    double[] profile(double[] ys, int n, int[] slots, int p, double[] cycleMeans) {
        return profile(ys, n, slots, p, cycleMeans, 1);
    }

    private double[] profile(double[] ys, int n, int[] slots, int p, double[] cycleMeans, int perHour) {
        int k = cycleMeans.length;
        double[][] samples = new double[p][k + 1];
        int[] counts = new int[p];
        for (int c = 0; c < k; c++) {
            int to = n - c * p;
            int from = Math.max(0, to - p);
            double m = robust ? medianOrNaN(ys, from, to) : Stats.mean(ys, from, to, Math.max(1, (to - from) / 2));
            cycleMeans[c] = m;
            if (Double.isNaN(m) || (multiplicative && m <= 0)) {
                continue;
            }
            for (int t = from; t < to; t++) {
                if (!Double.isNaN(ys[t])) {
                    int sl = slots[t];
                    if (counts[sl] <= k) {
                        samples[sl][counts[sl]++] = multiplicative ? ys[t] / m : ys[t] - m;
                    }
                }
            }
        }
        double neutral = multiplicative ? 1 : 0;
        double[] s = new double[p];
        double sum = 0;
        int seen = 0;
        double[] buf = pool > 0 ? new double[(2 * pool + 1) * (k + 1)] : null;
        for (int sl = 0; sl < p; sl++) {
            if (pool > 0) {
                s[sl] = pooledMedian(samples, counts, sl, p, perHour, buf);
            } else {
                s[sl] = counts[sl] == 0 ? Double.NaN
                        : median ? Stats.medianInPlace(samples[sl], counts[sl]) : Stats.mean(samples[sl], 0, counts[sl], 1);
            }
            if (!Double.isNaN(s[sl])) {
                sum += s[sl];
                seen++;
            }
        }
        double mean = seen == 0 ? neutral : sum / seen;
        for (int sl = 0; sl < p; sl++) {
            if (Double.isNaN(s[sl])) {
                s[sl] = neutral;
            } else if (multiplicative) {
                s[sl] = mean > 0 ? s[sl] / mean : 1;
            } else {
                s[sl] -= mean;
            }
        }
        return s;
    }

    /** Median over the slot's samples and those {@code 1..pool} hours either side (NaN if the slot has none). */
    private double pooledMedian(double[][] samples, int[] counts, int sl, int p, int perHour, double[] buf) {
        if (counts[sl] == 0) {
            return Double.NaN;
        }
        int c = 0;
        for (int d = -pool; d <= pool; d++) {
            int j = Math.floorMod(sl + d * perHour, p);
            System.arraycopy(samples[j], 0, buf, c, counts[j]);
            c += counts[j];
        }
        return Stats.medianInPlace(buf, c);
    }

    private static double medianOrNaN(double[] v, int from, int to) {
        double[] part = java.util.Arrays.copyOfRange(v, from, to);
        int present = 0;
        for (double x : part) {
            present += Double.isNaN(x) ? 0 : 1;
        }
        return present < Math.max(1, (to - from) / 2) ? Double.NaN : Stats.medianInPlace(part, part.length);
    }

    /** Median of sample / profile (or sample - profile) over the level window; NaN when too few samples. */
    private double robustLevel(double[] ys, int n, int[] slots, double[] s, int lw) {
        double[] r = new double[lw];
        int c = 0;
        for (int t = n - lw; t < n; t++) {
            double sv = s[slots[t]];
            if (!Double.isNaN(ys[t]) && (!multiplicative || sv > 1e-9)) {
                r[c++] = multiplicative ? ys[t] / sv : ys[t] - sv;
            }
        }
        return c < Math.max(1, lw / 4) ? Double.NaN : Stats.medianInPlace(r, c);
    }

    private double level(double[] ys, int n, int[] slots, double[] s, int lw) {
        if (robust) {
            return robustLevel(ys, n, slots, s, lw);
        }
        double num = 0;
        double den = 0;
        int c = 0;
        for (int t = n - lw; t < n; t++) {
            if (!Double.isNaN(ys[t])) {
                double sv = s[slots[t]];
                if (multiplicative) {
                    num += ys[t];
                    den += sv;
                } else {
                    num += ys[t] - sv;
                    den += 1;
                }
                c++;
            }
        }
        if (c < Math.max(1, lw / 4) || den <= 0) {
            return Double.NaN;
        }
        return num / den;
    }

}
