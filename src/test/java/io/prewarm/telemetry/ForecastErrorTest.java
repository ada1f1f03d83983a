package io.prewarm.telemetry;

import io.prewarm.metrics.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForecastErrorTest {
    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static ForecastError.Snapshot forecast(double point, double upper, int steps) {
        double[] p = new double[steps];
        double[] u = new double[steps];
        java.util.Arrays.fill(p, point);
        java.util.Arrays.fill(u, upper);
        return new ForecastError.Snapshot(T0, 3600, p, u);
    }

    @Test
    void comparesOnlyTheOverlapAndSkipsMissingSamples() {
        // history from 2 h before the forecast to 3 h into it; one of those 3 h is missing
        TimeSeries actual = new TimeSeries(T0.minus(HOUR.multipliedBy(2)), HOUR,
                new double[] {999, 999, 120, Double.NaN, 80});
        ForecastError e = ForecastError.of(forecast(100, 110, 24), actual).orElseThrow();
        assertThat(e.samples()).isEqualTo(2);
        assertThat(e.wape()).isCloseTo(40.0 / 200.0, within(1e-12));
        assertThat(e.upperExceeded()).isEqualTo(0.5);
    }

    @Test
    void noOverlapOrNoDemandGivesNoError() {
        TimeSeries before = new TimeSeries(T0.minus(HOUR.multipliedBy(3)), HOUR, new double[] {1, 2, 3});
        assertThat(ForecastError.of(forecast(100, 110, 24), before)).isEmpty();
        TimeSeries zeros = new TimeSeries(T0, HOUR, new double[] {0, 0});
        assertThat(ForecastError.of(forecast(100, 110, 24), zeros)).isEmpty();
    }

    @Test
    void aDifferentGridComparesOnlySharedInstants() {
        // history on a 40-minute grid shares 00:00 and 02:00 with an hourly forecast
        TimeSeries actual = new TimeSeries(T0, Duration.ofMinutes(40), new double[] {50, 70, 70, 150});
        ForecastError e = ForecastError.of(forecast(100, 120, 4), actual).orElseThrow();
        assertThat(e.samples()).isEqualTo(2);
        assertThat(e.wape()).isCloseTo(100.0 / 200.0, within(1e-12));
        assertThat(e.upperExceeded()).isEqualTo(0.5);
    }

    @Test
    void stateSurvivesARoundTripAndAnUnreadableFileIsAnEmptyState(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        TelemetryState s = TelemetryState.empty().with(Map.of("prod/checkout", forecast(100, 120, 3)),
                Optional.of(T0));
        s.save(file);
        assertThat(TelemetryState.load(file)).isEqualTo(s);
        Files.writeString(file, "{not json");
        assertThat(TelemetryState.load(file)).isEqualTo(TelemetryState.empty());
        assertThat(TelemetryState.load(dir.resolve("absent.json"))).isEqualTo(TelemetryState.empty());
    }
}
