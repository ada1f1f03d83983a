package io.prewarm.metrics.file;

import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.TimeSeries;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Reads history written as {@code timestamp,value} lines (a header line is allowed): timestamps in Unix
 * seconds, ISO-8601 instants, or {@code yyyy-MM-dd HH:mm[:ss]} without a zone (read as UTC), an empty value or {@code NaN} for a missing sample. Samples are placed
 * on the grid of the requested window; samples off the grid go to the step they fall in (last wins),
 * and steps without a sample are NaN.
 */
public final class CsvHistory {
    private CsvHistory() {
    }

    /** Reads all samples of a CSV, in file order. */
    public static Samples read(BufferedReader in, String name) {
        long[] ts = new long[8192];
        double[] vs = new double[8192];
        int n = 0;
        int lineNo = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || (lineNo == 1 && line.startsWith("timestamp"))) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new MetricsException("reading " + name + ": line " + lineNo + ": expected 'timestamp,value', got '"
                            + abbreviate(line) + "'");
                }
                String t = line.substring(0, comma).trim();
                String v = line.substring(comma + 1).trim();
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, n * 2);
                    vs = Arrays.copyOf(vs, n * 2);
                }
                ts[n] = parseTime(t, name, lineNo);
                vs[n] = v.isEmpty() ? Double.NaN : parseValue(v, name, lineNo);
                n++;
            }
        } catch (IOException e) {
            throw new MetricsException("reading " + name + ": " + e.getMessage(), e);
        }
        return new Samples(Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }

    private static final java.util.regex.Pattern LOCAL =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    private static long parseTime(String t, String name, int lineNo) {
        try {
            if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) && !t.contains("-"))) {
                return (long) Math.floor(Double.parseDouble(t));
            }
            if (LOCAL.matcher(t).matches()) {
                // a date and time without a zone, as many exports write it: read as UTC
                return java.time.LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(java.time.ZoneOffset.UTC);
            }
            return Instant.parse(t).getEpochSecond();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MetricsException("reading " + name + ": line " + lineNo + ": '" + abbreviate(t)
                    + "' is not a Unix time or ISO-8601 instant");
        }
    }

    private static double parseValue(String v, String name, int lineNo) {
        try {
            return switch (v) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
        } catch (NumberFormatException e) {
            throw new MetricsException("reading " + name + ": line " + lineNo + ": '" + abbreviate(v) + "' is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Samples as read, parallel arrays of Unix seconds and values. */
    public record Samples(long[] times, double[] values) {
        public Samples {
            if (times.length != values.length) {
                throw new IllegalArgumentException("times and values differ in length: " + times.length + " vs "
                        + values.length);
            }
            times = times.clone();
            values = values.clone();
        }

        /** A copy: the samples stay immutable. */
        @Override
        public long[] times() {
            return times.clone();
        }

        /** A copy: the samples stay immutable. */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** Samples read. */
        public int size() {
            return times.length;
        }

        /**
         * The samples on the grid {@code [start, start + n*step)}, shifted by {@code shiftSeconds};
         * infinite values count as missing.
         */
        public TimeSeries onGrid(Instant start, Duration step, int n, long shiftSeconds) {
            double[] out = new double[n];
            Arrays.fill(out, Double.NaN);
            long s0 = start.getEpochSecond();
            long st = step.getSeconds();
            for (int i = 0; i < times.length; i++) {
                long t = times[i] + shiftSeconds;
                if (t < s0) {
                    continue;
                }
                long idx = (t - s0) / st;
                if (idx < n && Double.isFinite(values[i])) {
                    out[(int) idx] = values[i];
                }
            }
            return new TimeSeries(start, step, out);
        }

        public long first() {
            return times.length == 0 ? 0 : times[0];
        }

        public long last() {
            return times.length == 0 ? 0 : times[times.length - 1];
        }
    }
}
