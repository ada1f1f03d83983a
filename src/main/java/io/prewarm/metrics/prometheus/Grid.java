package io.prewarm.metrics.prometheus;

import io.prewarm.common.TimeWindow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample grid of a window in epoch milliseconds, Prometheus' own resolution: point {@code i} is at
 * {@code startMs + i * stepMs}, for {@code i < size}. The window is half-open, so its end is not a point.
 */
record Grid(long startMs, long stepMs, int size) {

    Grid {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("step must be at least 1 ms, got " + stepMs + " ms");
        }
        if (size < 1) {
            throw new IllegalArgumentException("window holds no sample point");
        }
    }

    static Grid of(TimeWindow w) {
        long start = w.start().toEpochMilli();
        long step = w.step().toMillis();
        if (step <= 0) {
            throw new IllegalArgumentException("step must be at least 1 ms, got " + w.step());
        }
        long span = w.end().toEpochMilli() - start;
        long n = span / step;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("window of " + n + " points is too large");
        }
        return new Grid(start, step, (int) n);
    }

    long timeAt(int i) {
        return startMs + i * stepMs;
    }

    /**
     * Consecutive index ranges {@code [from, to)} of at most {@code maxPoints} points each. A range query
     * from {@code timeAt(from)} to {@code timeAt(to - 1)} returns exactly those points (Prometheus includes
     * both ends), so chunks neither overlap nor leave a hole.
     */
    List<Chunk> chunks(int maxPoints) {
        List<Chunk> out = new ArrayList<>();
        for (int from = 0; from < size; from += maxPoints) {
            out.add(new Chunk(from, Math.min(size, from + maxPoints)));
        }
        return out;
    }

    /** Prometheus accepts Unix seconds with decimals; milliseconds keep it exact. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** Index range {@code [from, to)} of one request. */
    record Chunk(int from, int to) {
        Chunk {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("empty chunk [" + from + ", " + to + ")");
            }
        }
    }
}
