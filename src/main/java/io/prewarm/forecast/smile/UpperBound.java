package io.prewarm.forecast.smile;

import java.util.Arrays;

/**
 * The capacity bound: point x (1 + q), where q is a high quantile of the out-of-sample relative
 * errors (actual - forecast) / forecast of the chosen model in the calibration windows, taken per
 * hour of day over a three-hour neighbourhood (errors at 03:00 and 18:00 differ a lot), falling back
 * to all hours when a group is thin. Relative errors carry over to a new level after a shift; the
 * forecast is floored at a tenth of the typical level so quiet hours do not blow the ratio up.
 */
final class UpperBound {
    /**
     * P99 rather than P95: on held-out weeks the P95 of errors seen in the training window covered
     * only 87-93% of hours (the windows hold few realizations of the level error); see docs/forecast.md.
     */
    static final double QUANTILE = 0.99;
    static final int MIN_GROUP = 30;

    private final double[] qByHour = new double[24];
    private final double floor;

    /**
     * @param origins where each out-of-sample window starts
     * @param fc      the chosen model's forecast from each origin
     */
    UpperBound(double[] raw, int[] origins, double[][] fc, Grid g, double floor) {
        this.floor = floor;
        int cap = 1;
        for (double[] f : fc) {
            cap += f.length;
        }
        double[][] byHour = new double[24][cap];
        int[] count = new int[24];
        double[] all = new double[cap];
        int allCount = 0;
        for (int j = 0; j < origins.length; j++) {
            for (int i = 0; i < fc[j].length; i++) {
                int t = origins[j] + i;
                double a = raw[t];
                if (Double.isNaN(a)) {
                    continue;
                }
                double r = (a - fc[j][i]) / Math.max(fc[j][i], floor);
                int hod = g.hourOfDay[t];
                byHour[hod][count[hod]++] = r;
                all[allCount++] = r;
            }
        }
        double global = allCount == 0 ? 0.5 : Stats.quantileInPlace(all, allCount, QUANTILE);
        for (int hod = 0; hod < 24; hod++) {
            double[] pool = new double[cap * 3];
            int c = 0;
            for (int d = -1; d <= 1; d++) {
                int hh = Math.floorMod(hod + d, 24);
                System.arraycopy(byHour[hh], 0, pool, c, count[hh]);
                c += count[hh];
            }
            qByHour[hod] = c >= MIN_GROUP ? Stats.quantileInPlace(pool, c, QUANTILE) : global;
            qByHour[hod] = Math.max(0, qByHour[hod]);
        }
    }

    double upper(double point, int hourOfDay) {
        return point + qByHour[hourOfDay] * Math.max(point, floor);
    }

    @Override
    public String toString() {
        return Arrays.toString(qByHour);
    }
}
