package io.prewarm.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A series on a regular grid: {@code values[i]} is the sample at {@code start + i * step}. A missing
 * sample (scrape failure, restart, gap in a file) is {@link Double#NaN}; gaps are never filled with
 * zeros here, the forecast stage decides how to treat them.
 */
public final class TimeSeries {
    private final Instant start;
    private final Duration step;
    private final double[] values;

    public TimeSeries(Instant start, Duration step, double[] values) {
        this.start = Objects.requireNonNull(start, "start");
        this.step = Objects.requireNonNull(step, "step");
        Objects.requireNonNull(values, "values");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        this.values = values.clone();
    }

    public Instant start() {
        return start;
    }

    public Duration step() {
        return step;
    }

    /** The first instant after the series. */
    public Instant end() {
        return start.plus(step.multipliedBy(values.length));
    }

    public int size() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    public Instant timeAt(int i) {
        return start.plus(step.multipliedBy(i));
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** Number of missing samples. */
    public int missing() {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** The samples in {@code [from, to)}, on the same grid; instants are rounded down to the grid. */
    public TimeSeries slice(Instant from, Instant to) {
        int a = Math.max(0, index(from));
        int b = Math.min(values.length, index(to));
        if (b < a) {
            b = a;
        }
        return new TimeSeries(timeAt(a), step, Arrays.copyOfRange(values, a, b));
    }

    private int index(Instant t) {
        return (int) Math.floorDiv(Duration.between(start, t).getSeconds(), step.getSeconds());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries other && start.equals(other.start) && step.equals(other.step)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, step, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimeSeries[start=" + start + ", step=" + step + ", size=" + values.length
                + ", missing=" + missing() + "]";
    }
}
