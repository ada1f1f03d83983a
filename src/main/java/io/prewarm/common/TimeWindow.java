package io.prewarm.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time range {@code [start, end)} sampled every {@code step}. */
public record TimeWindow(Instant start, Instant end, Duration step) {
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("time window end " + end + " is not after start " + start);
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("time window step must be positive, got " + step);
        }
    }

    /** Number of sample points in the window. */
    public int points() {
        return (int) (Duration.between(start, end).getSeconds() / step.getSeconds());
    }
}
