package io.prewarm.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastTest {
    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void neitherTheCallersArraysNorTheAccessorsResultsCanChangeAForecast() {
        double[] point = {1, 2, 3};
        double[] upper = {2, 3, 4};
        Forecast f = new Forecast(T0, Duration.ofHours(1), point, upper, "m", 0.5, "MASE", List.of());
        point[0] = 99;
        upper[0] = 99;
        f.point()[1] = 99;
        f.upper()[1] = 99;
        assertThat(f.point()).containsExactly(1, 2, 3);
        assertThat(f.upper()).containsExactly(2, 3, 4);
        assertThat(f.pointAt(1)).isEqualTo(2);
        assertThat(f.upperAt(2)).isEqualTo(4);
        assertThat(f.horizon()).isEqualTo(3);
    }

    @Test
    void forecastsWithTheSameValuesAreEqual() {
        Forecast a = new Forecast(T0, Duration.ofHours(1), new double[] {1, 2}, new double[] {2, 3}, "m", 0.5, "MASE",
                List.of("n"));
        Forecast b = new Forecast(T0, Duration.ofHours(1), new double[] {1, 2}, new double[] {2, 3}, "m", 0.5, "MASE",
                List.of("n"));
        Forecast c = new Forecast(T0, Duration.ofHours(1), new double[] {1, 2}, new double[] {2, 4}, "m", 0.5, "MASE",
                List.of("n"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }
}
