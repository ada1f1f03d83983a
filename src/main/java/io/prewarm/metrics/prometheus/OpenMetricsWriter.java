package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.TimeSeries;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes series as an OpenMetrics text file that {@code promtool tsdb create-blocks-from openmetrics}
 * backfills, so any history prewarm can read from a file can be served by a real Prometheus. Every
 * metric is a gauge, so Prometheus returns exactly the written values (no rate or counter reset logic).
 * Infinities are written as {@code +Inf}/{@code -Inf}. Missing points (NaN) are either left out, or
 * written as explicit {@code NaN} samples: Prometheus fills a point from any sample up to 5 minutes
 * older (its lookback), so only explicit NaN samples make it serve a gap back as a gap, and the history
 * read from the server equal to the file it came from.
 */
public final class OpenMetricsWriter {
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private OpenMetricsWriter() {
    }

    /** What to write for a missing point. */
    public enum Missing {
        /** Nothing: the series has no sample there, as after a failed scrape. */
        SKIP,
        /** A {@code NaN} sample, so Prometheus' lookback does not fill the gap from an older sample. */
        NAN
    }

    /** One series to write. */
    public record Series(String metric, Map<String, String> labels, TimeSeries values) {
        public Series {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(values, "values");
            if (!METRIC.matcher(metric).matches()) {
                throw new IllegalArgumentException("invalid metric name '" + metric + "'");
            }
            labels = Map.copyOf(labels);
            labels.keySet().forEach(l -> {
                if (!LABEL.matcher(l).matches() || l.startsWith("__")) {
                    throw new IllegalArgumentException("invalid label name '" + l + "' on metric " + metric);
                }
            });
        }
    }

    /**
     * Writes the series grouped into one gauge family per metric, in a stable order (metric, then
     * labels), each series' samples in time order, and the closing {@code # EOF}.
     *
     * @return the number of samples written
     */
    public static long write(Writer out, List<Series> series, Missing missing) throws IOException {
        List<Series> sorted = series.stream()
                .sorted(Comparator.comparing(Series::metric).thenComparing(s -> SeriesAccumulator.promql(s.labels())))
                .toList();
        long samples = 0;
        String family = null;
        StringBuilder line = new StringBuilder(96);
        for (Series s : sorted) {
            if (!s.metric().equals(family)) {
                family = s.metric();
                out.write("# TYPE " + family + " gauge\n");
            }
            String prefix = s.metric() + labels(s.labels()) + " ";
            TimeSeries ts = s.values();
            long startMs = ts.start().toEpochMilli();
            long stepMs = ts.step().toMillis();
            for (int i = 0; i < ts.size(); i++) {
                double v = ts.value(i);
                if (Double.isNaN(v) && missing == Missing.SKIP) {
                    continue;
                }
                line.setLength(0);
                line.append(prefix).append(number(v)).append(' ').append(Grid.seconds(startMs + i * stepMs)).append('\n');
                out.append(line);
                samples++;
            }
        }
        out.write("# EOF\n");
        return samples;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        });
        return sb.append('}').toString();
    }

    /** Java's shortest round-trip form; Go's ParseFloat reads it back to the same double. */
    static String number(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return Double.toString(v);
    }
}
