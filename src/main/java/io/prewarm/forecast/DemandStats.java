package io.prewarm.forecast;

import io.prewarm.metrics.TimeSeries;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Robust summaries of demand history, used by the planner's safety limits. */
public final class DemandStats {
    /** A day counts only if at least this share of its samples is present. */
    static final double MIN_DAY_COVERAGE = 0.5;

    private DemandStats() {
    }

    /**
     * The "normal peak": the median over days of each day's maximum, where the maximum is taken on
     * the series smoothed by a centered running median over one hour (at least 3 samples). The running
     * median drops single-sample spikes (a scrape glitch, a retry storm) and the median over days drops
     * exceptional days (an incident, a launch day), so five times this value is a sane safety cap.
     * Days are calendar days in {@code zone}; days with less than half their samples present are
     * ignored. Missing samples (NaN) are never read as zero.
     *
     * @return the normal peak, or NaN when no day has enough samples
     */
    public static double normalPeak(TimeSeries history, ZoneId zone) {
        int n = history.size();
        if (n == 0) {
            return Double.NaN;
        }
        long stepSec = history.step().getSeconds();
        int half = (int) Math.max(1, 3600 / stepSec / 2);
        double[] v = history.values();
        double[] smooth = runningMedian(v, half);
        double perDay = Math.max(1.0, 86400.0 / stepSec);
        Map<LocalDate, double[]> days = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            LocalDate d = history.timeAt(i).atZone(zone).toLocalDate();
            double[] acc = days.computeIfAbsent(d, k -> new double[] {Double.NEGATIVE_INFINITY, 0});
            if (!Double.isNaN(smooth[i]) && !Double.isNaN(v[i])) {
                acc[0] = Math.max(acc[0], smooth[i]);
                acc[1]++;
            }
        }
        List<Double> maxima = new ArrayList<>();
        for (double[] acc : days.values()) {
            if (acc[1] >= MIN_DAY_COVERAGE * perDay) {
                maxima.add(acc[0]);
            }
        }
        if (maxima.isEmpty()) {
            return Double.NaN;
        }
        double[] m = maxima.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = m.length;
        return k % 2 == 1 ? m[k / 2] : 0.5 * (m[k / 2 - 1] + m[k / 2]);
    }

    /** Centered running median with the given half-width, ignoring NaN; NaN when the window is empty. */
    static double[] runningMedian(double[] v, int half) {
        double[] out = new double[v.length];
        double[] buf = new double[2 * half + 1];
        for (int i = 0; i < v.length; i++) {
            int c = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(v.length - 1, i + half); j++) {
                if (!Double.isNaN(v[j])) {
                    buf[c++] = v[j];
                }
            }
            if (c == 0) {
                out[i] = Double.NaN;
            } else {
                Arrays.sort(buf, 0, c);
                out[i] = c % 2 == 1 ? buf[c / 2] : 0.5 * (buf[c / 2 - 1] + buf[c / 2]);
            }
        }
        return out;
    }
}
