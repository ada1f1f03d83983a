package io.prewarm.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to forecast.
 *
 * @param start    the first instant to forecast (on the history's grid)
 * @param step     spacing of the forecast; equal to the history's step
 * @param horizon  number of steps
 * @param zone     time zone of the calendar features; empty for series without real timestamps
 *                 (benchmarks such as M4), which then use position modulo the seasonal periods
 * @param holidays dates (in {@code zone}) that behave like holidays
 */
public record ForecastRequest(Instant start, Duration step, int horizon, Optional<ZoneId> zone,
                              Set<LocalDate> holidays) {
    public ForecastRequest {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(zone, "zone");
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon must be positive, got " + horizon);
        }
        holidays = Set.copyOf(holidays);
    }
}
