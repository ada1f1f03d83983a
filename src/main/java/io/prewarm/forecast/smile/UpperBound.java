package io.prewarm.forecast.smile;

/**
 * The capacity bound: point + q x max(point, floor), where q is the P95 of the chosen model's
 * out-of-sample relative errors (actual - forecast) / forecast in the calibration windows plus
 * {@link #LEVEL_SIGMAS} standard deviations of the per-window mean error.
 *
 * <p>Why two terms: the P95 covers the hour-to-hour noise, but the calibration windows start a day apart
 * and overlap, so they hold only a few independent draws of the level error (how far a whole week sits
 * above the forecast), which is what makes a held-out week miss. The spread of the per-window mean error
 * measures that level error directly and is added as a margin. A high quantile alone (P99, the previous
 * bound) buys the same margin on light-tailed series but chases the bursts on heavy-tailed ones (social
 * mentions: five times the over-provisioning for the same coverage). The errors are pooled over all
 * hours: per-hour-of-day quantiles from a few hundred errors were noisier than the hourly differences
 * they were meant to capture (benchmark in docs/forecast.md).
 *
 * <p>Relative errors carry over to a new level after a shift; the forecast is floored at a tenth of
 * the typical level so quiet hours do not blow the ratio up.
 */
final class UpperBound {
    static final double QUANTILE = 0.95;
    static final double LEVEL_SIGMAS = 2.5;
    /** Used when no calibration error exists at all. */
    static final double DEFAULT_Q = 0.5;

    private final double q;
    private final double floor;
    private final double noise;
    private final double levelSpread;

    /**
     * @param origins where each out-of-sample window starts
     * @param fc      the chosen model's forecast from each origin
     */
    UpperBound(double[] raw, int[] origins, double[][] fc, double floor) {
        this.floor = floor;
        int cap = 0;
        for (double[] f : fc) {
            cap += f.length;
        }
        double[] all = new double[cap];
        double[] windowMeans = new double[origins.length];
        int count = 0;
        int windows = 0;
        for (int j = 0; j < origins.length; j++) {
            double sum = 0;
            int c = 0;
            for (int i = 0; i < fc[j].length; i++) {
                double a = raw[origins[j] + i];
                double r = (a - fc[j][i]) / Math.max(fc[j][i], floor);
                if (!Double.isFinite(r)) {
                    continue; // a missing actual, or a slot the model could not reach (history empty there)
                }
                all[count++] = r;
                sum += r;
                c++;
            }
            if (c > 0) {
                windowMeans[windows++] = sum / c;
            }
        }
        this.noise = count == 0 ? DEFAULT_Q : Math.max(0, Stats.quantileInPlace(all, count, QUANTILE));
        this.levelSpread = stdDev(windowMeans, windows);
        this.q = noise + LEVEL_SIGMAS * levelSpread;
    }

    private static double stdDev(double[] v, int n) {
        if (n < 2) {
            return 0;
        }
        double mean = Stats.mean(v, 0, n, 1);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        return Math.sqrt(ss / (n - 1));
    }

    double upper(double point) {
        return point + q * Math.max(point, floor);
    }

    /** The relative margin over the point forecast, for the notes. */
    double margin() {
        return q;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "P%.0f %.3f + %.1f x level spread %.3f", QUANTILE * 100, noise,
                LEVEL_SIGMAS, levelSpread);
    }
}
