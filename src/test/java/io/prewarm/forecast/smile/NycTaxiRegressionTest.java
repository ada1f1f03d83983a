package io.prewarm.forecast.smile;

import static org.assertj.core.api.Assertions.assertThat;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Accuracy regression on a real trace: NYC taxi passengers per hour (NAB, MIT-style licence), four
 * weeks of history from 2014-09-02, then the following week. The bars are relative to the seasonal
 * naive (same hour last week) on the same window, the baseline an SRE would otherwise use. Measured
 * 2026-11-29: MASE 0.62x seasonal naive; upper covers 167 of 168 hours at 12.5% mean over-provisioning
 * (the previous P99-by-hour bound covered 158 at 12.9%, which is why the cover bar rose from 90% to 95%).
 */
class NycTaxiRegressionTest {
    private static final int HISTORY = 28 * 24;
    private static final int HORIZON = 7 * 24;

    private static double[] load() throws IOException {
        try (InputStream in = NycTaxiRegressionTest.class.getResourceAsStream("/forecast/nyc_taxi_hourly_2014-09.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            return lines.stream().mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(',') + 1))).toArray();
        }
    }

    @Test
    void beatsSeasonalNaiveByTenPercentAndUpperCoversTheWeekAtModestOverProvisioning() throws IOException {
        double[] all = load();
        double[] hist = java.util.Arrays.copyOf(all, HISTORY);
        TimeSeries h = new TimeSeries(LocalDateTime.parse("2014-09-02T00:00:00").toInstant(ZoneOffset.UTC),
                Duration.ofHours(1), hist);
        Forecast f = new SmileForecaster().forecast(h, new ForecastRequest(h.end(), Duration.ofHours(1), HORIZON,
                Optional.of(ZoneOffset.UTC), Set.of()));
        double scale = Stats.seasonalMae(hist, HISTORY, 24);
        double mase = 0;
        double naive = 0;
        int covered = 0;
        double over = 0;
        for (int i = 0; i < HORIZON; i++) {
            double actual = all[HISTORY + i];
            mase += Math.abs(actual - f.point()[i]) / scale / HORIZON;
            naive += Math.abs(actual - all[HISTORY + i - 168]) / scale / HORIZON;
            covered += f.upper()[i] >= actual ? 1 : 0;
            over += Math.max(0, f.upper()[i] - actual) / actual * 100 / HORIZON;
        }
        assertThat(mase).isLessThan(0.9 * naive);
        // The bound covers the week (95%, the benchmark goal) without buying it by inflation: the
        // peers' bounds on the full NYC benchmark cost 43-106% over-provisioning.
        assertThat(covered).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * HORIZON));
        assertThat(over).isLessThan(25);
        assertThat(f.validationScore()).isFinite();
        Forecast again = new SmileForecaster().forecast(h, new ForecastRequest(h.end(), Duration.ofHours(1), HORIZON,
                Optional.of(ZoneOffset.UTC), Set.of()));
        assertThat(again.point()).containsExactly(f.point());
    }
}
