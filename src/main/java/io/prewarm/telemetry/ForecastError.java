package io.prewarm.telemetry;

import io.prewarm.metrics.TimeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How well the previous plan's forecast matched the demand that really happened. Compared on the steps
 * where the previous forecast and the history just read overlap and the history has a sample.
 *
 * @param wape          weighted absolute percentage error of the point forecast: sum |actual - point| /
 *                      sum |actual|; robust to steps with zero demand, unlike MAPE
 * @param upperExceeded share of steps where actual demand exceeded the forecast's upper bound (the
 *                      bound capacity was provisioned for), so under-provisioning shows
 * @param samples       steps compared
 */
public record ForecastError(double wape, double upperExceeded, int samples) {
    public ForecastError {
        if (samples <= 0) {
            throw new IllegalArgumentException("forecast error needs at least one sample, got " + samples);
        }
    }

    /** The error of {@code previous} against {@code actual}, or empty when they share no sample with demand. */
    public static Optional<ForecastError> of(Snapshot previous, TimeSeries actual) {
        long stepSeconds = previous.stepSeconds();
        double absError = 0;
        double absActual = 0;
        int exceeded = 0;
        int n = 0;
        double[] point = previous.point();
        double[] upper = previous.upper();
        for (int i = 0; i < point.length; i++) {
            Instant t = previous.start().plusSeconds(stepSeconds * i);
            if (t.isBefore(actual.start()) || !t.isBefore(actual.end())) {
                continue;
            }
            long offset = Duration.between(actual.start(), t).getSeconds();
            if (offset % actual.step().getSeconds() != 0) {
                continue; // the grids differ (step changed in the policy): compare only shared instants
            }
            double a = actual.value((int) (offset / actual.step().getSeconds()));
            if (Double.isNaN(a) || Double.isInfinite(a)) {
                continue;
            }
            absError += Math.abs(a - point[i]);
            absActual += Math.abs(a);
            if (a > upper[i]) {
                exceeded++;
            }
            n++;
        }
        if (n == 0 || absActual == 0) {
            return Optional.empty();
        }
        return Optional.of(new ForecastError(absError / absActual, (double) exceeded / n, n));
    }

    /**
     * A forecast as kept between runs: start, step, point and upper bound per step.
     *
     * @param start       first forecast instant
     * @param stepSeconds spacing in seconds
     * @param point       point forecast per step
     * @param upper       upper bound per step
     */
    public record Snapshot(Instant start, long stepSeconds, double[] point, double[] upper) {
        public Snapshot {
            java.util.Objects.requireNonNull(start, "start");
            if (stepSeconds <= 0) {
                throw new IllegalArgumentException("step must be positive, got " + stepSeconds);
            }
            if (point.length != upper.length) {
                throw new IllegalArgumentException("point and upper differ in length: " + point.length + " vs "
                        + upper.length);
            }
            point = point.clone();
            upper = upper.clone();
        }

        @Override
        public double[] point() {
            return point.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && start.equals(s.start) && stepSeconds == s.stepSeconds
                    && java.util.Arrays.equals(point, s.point) && java.util.Arrays.equals(upper, s.upper);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(start, stepSeconds, java.util.Arrays.hashCode(point),
                    java.util.Arrays.hashCode(upper));
        }
    }
}
