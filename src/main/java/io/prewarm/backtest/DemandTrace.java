package io.prewarm.backtest;

import io.prewarm.metrics.TimeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Demand minute by minute over a replayed window, {@code NaN} where the history has a gap. A sample is
 * the demand at its own instant; between two samples demand moves in a straight line ({@link
 * Shape#LINEAR}), or holds until the next sample ({@link Shape#STEP}, used by hand-computed tests).
 * Linear is the default because real traffic does not jump at sample boundaries, and a jump would
 * punish the reactive layer for an artefact of the sampling.
 */
public final class DemandTrace {
    /** How demand moves between samples. */
    public enum Shape { STEP, LINEAR }

    private final Instant start;
    private final double[] perMinute;

    public DemandTrace(Instant start, double[] perMinute) {
        this.start = Objects.requireNonNull(start, "start");
        this.perMinute = perMinute.clone();
        if (start.getEpochSecond() % 60 != 0) {
            throw new IllegalArgumentException("demand trace must start on a whole minute, got " + start);
        }
    }

    /** The demand in {@code [from, to)} per minute, from a history on any whole-minute grid. */
    public static DemandTrace of(TimeSeries history, Instant from, Instant to, Shape shape) {
        long stepMin = history.step().toMinutes();
        if (stepMin < 1 || !history.step().equals(Duration.ofMinutes(stepMin))) {
            throw new IllegalArgumentException("replaying history: step " + history.step() + " is not whole minutes");
        }
        int n = (int) Duration.between(from, to).toMinutes();
        if (n <= 0) {
            throw new IllegalArgumentException("replaying history: window " + from + " to " + to + " is empty");
        }
        double[] out = new double[n];
        long base = Duration.between(history.start(), from).toMinutes();
        for (int m = 0; m < n; m++) {
            long offset = base + m;
            long i = Math.floorDiv(offset, stepMin);
            double a = at(history, i);
            if (shape == Shape.STEP || Double.isNaN(a)) {
                out[m] = a;
                continue;
            }
            double frac = (double) Math.floorMod(offset, stepMin) / stepMin;
            double b = at(history, i + 1);
            // a gap after the sample: hold the last value rather than invent a slope
            out[m] = frac == 0 || Double.isNaN(b) ? a : a + (b - a) * frac;
        }
        return new DemandTrace(from, out);
    }

    private static double at(TimeSeries h, long i) {
        return i < 0 || i >= h.size() ? Double.NaN : h.value((int) i);
    }

    public Instant start() {
        return start;
    }

    public int minutes() {
        return perMinute.length;
    }

    public double at(int minute) {
        return perMinute[minute];
    }

    public Instant timeAt(int minute) {
        return start.plusSeconds(60L * minute);
    }

    /** The largest known demand, 0 when every minute is missing. */
    public double peak() {
        double p = 0;
        for (double v : perMinute) {
            if (!Double.isNaN(v)) {
                p = Math.max(p, v);
            }
        }
        return p;
    }
}
