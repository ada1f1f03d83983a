package io.prewarm.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normal peak of demand, the base of the safety cap: the median of the daily peaks in history.
 * Days are local days in the policy zone; a day counts only when at least half of its samples are
 * present (NaN is missing), so a gap does not pass for a quiet day. The median ignores up to half of the
 * days being abnormal: an incident or a flash crowd moves it little, which is what a cap against runaway
 * scaling needs. Returns 0 when no day qualifies (the planner then does not apply the cap, and says so).
 */
public final class NormalPeak {
    private NormalPeak() {
    }

    public static double fromHistory(Instant start, Duration step, double[] values, ZoneId zone) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("normal peak: step must be positive, got " + step);
        }
        long perDay = Duration.ofDays(1).toSeconds() / Math.max(1, step.toSeconds());
        Map<LocalDate, double[]> days = new TreeMap<>(); // {peak, present samples}
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            LocalDate day = start.plus(step.multipliedBy(i)).atZone(zone).toLocalDate();
            double[] d = days.computeIfAbsent(day, k -> new double[]{Double.NEGATIVE_INFINITY, 0});
            d[0] = Math.max(d[0], values[i]);
            d[1]++;
        }
        double[] peaks = days.values().stream().filter(d -> d[1] * 2 >= perDay).mapToDouble(d -> d[0]).toArray();
        if (peaks.length == 0) {
            return 0;
        }
        Arrays.sort(peaks);
        int m = peaks.length;
        return m % 2 == 1 ? peaks[m / 2] : (peaks[m / 2 - 1] + peaks[m / 2]) / 2;
    }
}
