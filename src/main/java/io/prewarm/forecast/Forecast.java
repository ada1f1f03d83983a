package io.prewarm.forecast;

import io.prewarm.common.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A forecast on a regular grid: the point forecast and the upper bound that capacity is provisioned
 * for, plus which model made it and how it scored out of sample on the training window.
 *
 * @param start           first forecast instant
 * @param step            spacing
 * @param point           point forecast per step, never NaN
 * @param upper           calibrated upper bound per step ({@code >= point})
 * @param model           the chosen model's name
 * @param validationScore the chosen model's rolling-origin score (lower is better)
 * @param validationMetric name of that score (for example {@code MASE})
 * @param notes           what a reviewer should know (fallbacks, gaps, level shifts)
 */
public record Forecast(Instant start, Duration step, double[] point, double[] upper, String model,
                       double validationScore, String validationMetric, List<String> notes) {
    public Forecast {
        Checks.nonNull("start, step, model, validationMetric", start, step, model, validationMetric);
        if (point.length != upper.length) {
            throw new IllegalArgumentException("point and upper differ in length: " + point.length + " vs "
                    + upper.length);
        }
        for (int i = 0; i < point.length; i++) {
            if (Double.isNaN(point[i]) || Double.isNaN(upper[i])) {
                throw new IllegalArgumentException("forecast has NaN at step " + i);
            }
        }
        point = point.clone();
        upper = upper.clone();
        notes = List.copyOf(notes);
    }

    /** A copy: the forecast stays immutable. In loops, use {@link #pointAt} and {@link #horizon}. */
    @Override
    public double[] point() {
        return point.clone();
    }

    /** A copy: the forecast stays immutable. In loops, use {@link #upperAt} and {@link #horizon}. */
    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** The point forecast at step {@code i}, without copying. */
    public double pointAt(int i) {
        return point[i];
    }

    /** The upper bound at step {@code i}, without copying. */
    public double upperAt(int i) {
        return upper[i];
    }

    public int horizon() {
        return point.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && start.equals(f.start) && step.equals(f.step) && Arrays.equals(point, f.point)
                && Arrays.equals(upper, f.upper) && model.equals(f.model)
                && Double.compare(validationScore, f.validationScore) == 0
                && validationMetric.equals(f.validationMetric) && notes.equals(f.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, step, Arrays.hashCode(point), Arrays.hashCode(upper), model, validationScore,
                validationMetric, notes);
    }

    @Override
    public String toString() {
        return "Forecast[start=" + start + ", step=" + step + ", horizon=" + point.length + ", model=" + model
                + ", validationScore=" + validationScore + ", validationMetric=" + validationMetric + ", notes="
                + notes + "]";
    }

    public Instant timeAt(int i) {
        return start.plus(step.multipliedBy(i));
    }
}
