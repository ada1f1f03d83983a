package io.prewarm.forecast.smile;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.LinearModel;
import smile.regression.RidgeRegression;

/**
 * Smile ridge regression on calendar features: one indicator per hour of the week (the hour x
 * day-of-week interaction; per hour of day when the grid has no weekly cycle), a holiday indicator
 * and a linear trend. Fitted on the hourly means of the last {@code windowDays} (sub-hourly data is
 * averaged first, which keeps the fit at a few milliseconds). Missing hours are left out of the fit
 * instead of being read as zero. Unweighted on purpose: Smile 3.1.1's weighted ridge computes the
 * intercept from unweighted means, which biases a recency-weighted fit.
 */
final class RidgeCalendarModel implements Model {
    private final double windowDays;
    private final double lambda;
    private final boolean trend;

    RidgeCalendarModel(double windowDays, double lambda, boolean trend) {
        this.windowDays = windowDays;
        this.lambda = lambda;
        this.trend = trend;
    }

    @Override
    public String name() {
        return "smile-ridge-hour-of-week" + (trend ? "-trend" : "");
    }

    @Override
    public int minHistory(Grid g) {
        return g.slotsPerWeek;
    }

    @Override
    public double[] forecast(double[] y, int n, Grid g, int h) {
        int per = g.perHour;
        boolean weekly = g.slotsPerWeek != g.slotsPerDay;
        int cats = weekly ? g.slotsPerWeek / per : g.slotsPerDay / per;
        int blocks = (int) Math.min(n / per, Math.round(windowDays * 24));
        int offset = n - blocks * per;
        int p = cats + 1 + (trend ? 1 : 0);
        double[][] rows = new double[blocks][];
        int r = 0;
        for (int b = 0; b < blocks; b++) {
            int from = offset + b * per;
            double m = Stats.mean(y, from, from + per, Math.max(1, per / 2));
            if (Double.isNaN(m)) {
                continue;
            }
            double[] row = features(g, from, cats, p, per, weekly);
            row[p] = m;
            rows[r] = row;
            r++;
        }
        if (r < 24) {
            throw new IllegalStateException("fitting " + name() + ": only " + r + " usable hours");
        }
        // Smile standardizes the columns and rejects constant ones (an hour never seen, no holiday).
        int[] keep = varying(rows, r, p);
        int q = keep.length;
        double[][] data = new double[r][q + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < q; j++) {
                data[i][j] = rows[i][keep[j]];
            }
            data[i][q] = rows[i][p];
        }
        String[] names = new String[q + 1];
        for (int j = 0; j < q; j++) {
            names[j] = "x" + j;
        }
        names[q] = "y";
        LinearModel model = RidgeRegression.fit(Formula.lhs("y"), DataFrame.of(data, names), lambda);
        double[] f = new double[h];
        double[] x = new double[q];
        for (int k = 0; k < h; k++) {
            double[] row = features(g, n + k, cats, p, per, weekly);
            for (int j = 0; j < q; j++) {
                x[j] = row[keep[j]];
            }
            f[k] = model.predict(x);
        }
        return f;
    }

    private static int[] varying(double[][] rows, int r, int p) {
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        for (int j = 0; j < p; j++) {
            for (int i = 1; i < r; i++) {
                if (rows[i][j] != rows[0][j]) {
                    keep.add(j);
                    break;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private double[] features(Grid g, int i, int cats, int p, int per, boolean weekly) {
        double[] row = new double[p + 1];
        int c = (weekly ? g.weekSlot[i] : g.daySlot[i]) / per;
        row[Math.min(cats - 1, c)] = 1;
        row[cats] = g.holiday[i] ? 1 : 0;
        if (trend) {
            row[cats + 1] = i / (double) (per * 24 * 7);
        }
        return row;
    }
}
