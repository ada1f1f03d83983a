package io.prewarm.forecast.smile;

import java.util.Arrays;

/** NaN-aware robust statistics on small arrays. */
final class Stats {
    private Stats() {
    }

    /** Median of the non-NaN values in {@code v[0..count)}; sorts that range in place. NaN if none. */
    static double medianInPlace(double[] v, int count) {
        int c = compactNaN(v, count);
        if (c == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, c);
        return c % 2 == 1 ? v[c / 2] : 0.5 * (v[c / 2 - 1] + v[c / 2]);
    }

    /** Linear-interpolated quantile {@code q} of the non-NaN values in {@code v[0..count)}; sorts in place. */
    static double quantileInPlace(double[] v, int count, double q) {
        int c = compactNaN(v, count);
        if (c == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, c);
        double pos = q * (c - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(c - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    static double median(double[] v) {
        return medianInPlace(v.clone(), v.length);
    }

    private static int compactNaN(double[] v, int count) {
        int c = 0;
        for (int i = 0; i < count; i++) {
            if (!Double.isNaN(v[i])) {
                v[c++] = v[i];
            }
        }
        return c;
    }

    /** Mean of non-NaN values in {@code v[from..to)}, NaN if fewer than {@code minCount}. */
    static double mean(double[] v, int from, int to, int minCount) {
        double s = 0;
        int c = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (!Double.isNaN(v[i])) {
                s += v[i];
                c++;
            }
        }
        return c >= Math.max(1, minCount) ? s / c : Double.NaN;
    }

    /**
     * Centered moving average of width {@code w} over {@code v[0..n)}, ignoring NaN; a position whose
     * own sample is missing stays NaN, so smoothing never invents data inside a gap.
     */
    static double[] smooth(double[] v, int n, int w) {
        double[] out = new double[n];
        if (w <= 1) {
            System.arraycopy(v, 0, out, 0, n);
            return out;
        }
        double[] sum = new double[n + 1];
        int[] cnt = new int[n + 1];
        for (int i = 0; i < n; i++) {
            boolean ok = !Double.isNaN(v[i]);
            sum[i + 1] = sum[i] + (ok ? v[i] : 0);
            cnt[i + 1] = cnt[i] + (ok ? 1 : 0);
        }
        int left = w / 2;
        int right = w - left - 1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) {
                out[i] = Double.NaN;
                continue;
            }
            int a = Math.max(0, i - left);
            int b = Math.min(n, i + right + 1);
            out[i] = (sum[b] - sum[a]) / (cnt[b] - cnt[a]);
        }
        return out;
    }

    /** Mean absolute difference between {@code v[t]} and {@code v[t-lag]} over {@code [0,n)}; NaN pairs skipped. */
    static double seasonalMae(double[] v, int n, int lag) {
        double s = 0;
        int c = 0;
        for (int t = lag; t < n; t++) {
            if (!Double.isNaN(v[t]) && !Double.isNaN(v[t - lag])) {
                s += Math.abs(v[t] - v[t - lag]);
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }
}
