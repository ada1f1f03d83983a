package io.prewarm.forecast.smile;

import static org.assertj.core.api.Assertions.assertThat;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Series like social-media mention counts: a daily and weekly rhythm under heavy-tailed noise, with
 * bursts lasting hours to days. The forecast must follow the typical hour, and a burst must not be
 * taken for a launch.
 */
class BurstySeriesTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant START = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

    /** Noise-free demand: a daytime hump, weekends at 60%. */
    private static double demand(int t) {
        int hour = t % 24;
        int dow = (t / 24) % 7; // START is a Monday
        double d = 100 + 200 * Math.exp(-Math.pow((hour - 14) / 4.0, 2));
        return dow >= 5 ? 0.6 * d : d;
    }

    /**
     * @param daySigma spread of the log level from day to day
     * @param burstShare share of hours multiplied by 3 to 8
     */
    private static double[] series(int days, double daySigma, double burstShare, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[days * 24];
        double dayFactor = 1;
        for (int t = 0; t < v.length; t++) {
            if (t % 24 == 0) {
                dayFactor = Math.exp(daySigma * rnd.nextGaussian());
            }
            double burst = rnd.nextDouble() < burstShare ? 3 + 5 * rnd.nextDouble() : 1;
            v[t] = demand(t) * dayFactor * burst * Math.exp(0.1 * rnd.nextGaussian());
        }
        return v;
    }

    private static Forecast forecast(double[] v) {
        TimeSeries h = new TimeSeries(START, HOUR, v);
        return new SmileForecaster().forecast(h, new ForecastRequest(h.end(), HOUR, 168, Optional.of(ZoneOffset.UTC),
                Set.of()));
    }

    @Test
    void forecastFollowsTheTypicalHourNotTheBursts() {
        // 12% of hours burst: too many for the outlier filter, which then leaves the series alone.
        double[] v = series(42, 0.05, 0.12, 11);
        Forecast f = forecast(v);
        double[] rel = new double[f.horizon()];
        for (int k = 0; k < f.horizon(); k++) {
            rel[k] = Math.abs(f.point()[k] / demand(v.length + k) - 1);
        }
        Arrays.sort(rel);
        assertThat(rel[rel.length / 2]).as("median relative error vs the typical hour; model %s", f.model())
                .isLessThan(0.15);
    }

    @Test
    void aBurstOfSeveralDaysOnANoisySeriesIsNotALevelShift() {
        double[] v = series(35, 0.25, 0, 12);
        for (int t = v.length - 4 * 24; t < v.length; t++) {
            v[t] *= 1.8;
        }
        assertThat(forecast(v).notes()).noneMatch(n -> n.contains("level shift"));
    }

    @Test
    void theSameJumpOnAQuietSeriesIsALevelShift() {
        double[] v = series(35, 0.02, 0, 12);
        for (int t = v.length - 4 * 24; t < v.length; t++) {
            v[t] *= 1.8;
        }
        assertThat(forecast(v).notes()).anyMatch(n -> n.contains("level shift x1.8"));
    }
}
