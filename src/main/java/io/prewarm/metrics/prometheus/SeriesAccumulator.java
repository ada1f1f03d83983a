package io.prewarm.metrics.prometheus;

import io.prewarm.policy.ServicePolicy.Aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Collects the samples of every series a query returns, over all its chunks, onto one grid. Not
 * thread-safe: one per fetch. Counts what it had to drop, so the run summary can show it.
 */
final class SeriesAccumulator {
    private final Grid grid;
    private final Map<Map<String, String>, double[]> series = new LinkedHashMap<>();
    private final Map<Map<String, String>, BitSet> seen = new LinkedHashMap<>();
    private int infinite;
    private int offGrid;
    private int duplicates;

    SeriesAccumulator(Grid grid) {
        this.grid = grid;
    }

    /** Adds {@code n} samples of one series; timestamps in epoch milliseconds. */
    void add(Map<String, String> labels, long[] timesMs, double[] values, int n) {
        double[] target = series.computeIfAbsent(labels, k -> nanArray(grid.size()));
        BitSet mark = seen.computeIfAbsent(labels, k -> new BitSet(grid.size()));
        for (int i = 0; i < n; i++) {
            long offset = timesMs[i] - grid.startMs();
            if (offset < 0 || offset % grid.stepMs() != 0 || offset / grid.stepMs() >= grid.size()) {
                offGrid++; // a proxy that realigns timestamps, or a chunk bug: never guess a slot
                continue;
            }
            int idx = (int) (offset / grid.stepMs());
            if (mark.get(idx)) {
                duplicates++;
            }
            mark.set(idx);
            double v = values[i];
            if (Double.isInfinite(v)) {
                infinite++; // a division by zero in the query: no demand forecast can use it
                v = Double.NaN;
            }
            target[idx] = v;
        }
    }

    /** The samples of one series on the grid (for tests), or null. */
    double[] values(Map<String, String> labels) {
        double[] v = series.get(labels);
        return v == null ? null : v.clone();
    }

    int seriesCount() {
        return series.size();
    }

    int infinite() {
        return infinite;
    }

    int offGrid() {
        return offGrid;
    }

    int duplicates() {
        return duplicates;
    }

    /** Label sets in PromQL notation, sorted, for messages. */
    List<String> labelSets() {
        return series.keySet().stream().map(SeriesAccumulator::promql).sorted().collect(Collectors.toList());
    }

    /**
     * Combines the series as the policy says. Like PromQL's {@code sum}/{@code max}, a point is the
     * aggregate of the series present there and missing only where none is: series come and go with pods.
     *
     * @throws IllegalStateException for {@code NONE} with several series
     */
    double[] combine(Aggregation aggregation) {
        if (series.isEmpty()) {
            return nanArray(grid.size());
        }
        List<double[]> all = new ArrayList<>(series.values());
        if (all.size() == 1) {
            return all.get(0);
        }
        if (aggregation == Aggregation.NONE) {
            throw new IllegalStateException("several series");
        }
        double[] out = nanArray(grid.size());
        for (double[] s : all) {
            for (int i = 0; i < out.length; i++) {
                double v = s[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                double o = out[i];
                out[i] = Double.isNaN(o) ? v : aggregation == Aggregation.SUM ? o + v : Math.max(o, v);
            }
        }
        return out;
    }

    static String promql(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
