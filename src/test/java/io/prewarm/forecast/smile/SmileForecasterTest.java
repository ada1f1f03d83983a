package io.prewarm.forecast.smile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmileForecasterTest {
    private static final ZoneId NY = Synthetic.NEW_YORK;
    private final SmileForecaster forecaster = new SmileForecaster();

    private static ForecastRequest week(TimeSeries h, Set<LocalDate> holidays) {
        return new ForecastRequest(h.end(), Synthetic.FIVE_MIN, 7 * 288, Optional.of(NY), holidays);
    }

    /** Mean absolute percentage error of the point forecast against the noise-free demand. */
    private static double mape(Forecast f, Set<LocalDate> holidays) {
        double s = 0;
        for (int i = 0; i < f.horizon(); i++) {
            double truth = Synthetic.demand(f.timeAt(i), NY, holidays);
            s += Math.abs(f.point()[i] - truth) / truth;
        }
        return 100 * s / f.horizon();
    }

    @Test
    void morningPeakStaysAtNineLocalTimeAcrossTheDaylightSavingChange() {
        // History ends Friday 2026-03-06 (EST); the forecast week crosses the switch to EDT on March 8.
        Instant start = ZonedDateTime.of(2026, 2, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries h = Synthetic.series(start, 28, NY, Set.of(), 1);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        for (int day = 0; day < 7; day++) {
            int best = -1;
            for (int i = day * 288; i < (day + 1) * 288; i++) {
                if (best < 0 || f.point()[i] > f.point()[best]) {
                    best = i;
                }
            }
            ZonedDateTime peak = f.timeAt(best).atZone(NY);
            if (peak.getDayOfWeek() != DayOfWeek.SATURDAY && peak.getDayOfWeek() != DayOfWeek.SUNDAY) {
                assertThat(peak.getHour()).as("peak hour on %s", peak.toLocalDate()).isEqualTo(9);
            }
        }
        assertThat(mape(f, Set.of())).isLessThan(10);
    }

    @Test
    void aHolidayInTheForecastLooksLikeASunday() {
        Instant start = ZonedDateTime.of(2026, 10, 26, 0, 0, 0, 0, NY).toInstant();
        TimeSeries h = Synthetic.series(start, 28, NY, Set.of(), 2);
        LocalDate thanksgiving = LocalDate.of(2026, 11, 26);
        Forecast f = forecaster.forecast(h, week(h, Set.of(thanksgiving)));
        double holiday = 0;
        double wednesday = 0;
        for (int i = 0; i < f.horizon(); i++) {
            LocalDate d = f.timeAt(i).atZone(NY).toLocalDate();
            if (d.equals(thanksgiving)) {
                holiday += f.point()[i];
            } else if (d.equals(thanksgiving.minusDays(1))) {
                wednesday += f.point()[i];
            }
        }
        assertThat(holiday / wednesday).isBetween(0.3, 0.5);
    }

    @Test
    void anIncidentDipDoesNotTeachThatTuesdayIsQuiet() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant(); // a Monday
        TimeSeries clean = Synthetic.series(start, 28, NY, Set.of(), 3);
        double[] v = clean.values();
        // Last Tuesday (day 22), 10:00-16:00 local: an outage, traffic at 5%.
        for (int i = 22 * 288 + 120; i < 22 * 288 + 192; i++) {
            v[i] *= 0.05;
        }
        TimeSeries h = new TimeSeries(start, Synthetic.FIVE_MIN, v);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        // Forecast Tuesday is day 1 of the horizon; compare 10:00-16:00 with the truth.
        double fc = 0;
        double truth = 0;
        for (int i = 288 + 120; i < 288 + 192; i++) {
            fc += f.point()[i];
            truth += Synthetic.demand(f.timeAt(i), NY, Set.of());
        }
        assertThat(fc / truth).isBetween(0.9, 1.1);
        assertThat(f.notes()).anyMatch(s -> s.contains("outlier"));
    }

    @Test
    void aLevelShiftAfterALaunchCarriesIntoTheForecast() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries base = Synthetic.series(start, 28, NY, Set.of(), 4);
        double[] v = base.values();
        for (int i = 23 * 288; i < v.length; i++) {
            v[i] *= 2; // launch: demand doubled for the last five days
        }
        TimeSeries h = new TimeSeries(start, Synthetic.FIVE_MIN, v);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        double fc = 0;
        double truth = 0;
        for (int i = 0; i < f.horizon(); i++) {
            fc += f.point()[i];
            truth += 2 * Synthetic.demand(f.timeAt(i), NY, Set.of());
        }
        assertThat(fc / truth).isBetween(0.85, 1.15);
    }

    @Test
    void gapsAreSkippedNotReadAsZero() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        double[] v = Synthetic.series(start, 28, NY, Set.of(), 5).values();
        for (int d = 0; d < 28; d += 3) {
            for (int i = d * 288 + 100; i < d * 288 + 200; i++) {
                v[i] = Double.NaN; // scrape failures over the busiest hours of every third day
            }
        }
        TimeSeries h = new TimeSeries(start, Synthetic.FIVE_MIN, v);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        assertThat(mape(f, Set.of())).isLessThan(10);
        assertThat(f.notes()).anyMatch(s -> s.contains("missing"));
    }

    @Test
    void shortHistoryFallsBackToDailyModelsWithANote() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries h = Synthetic.series(start, 5, NY, Set.of(), 6);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        assertThat(f.notes()).anyMatch(s -> s.startsWith("short history: 5.0 days"));
        assertThat(f.model()).doesNotContain("week");
        TimeSeries tiny = Synthetic.series(start, 1, NY, Set.of(), 6);
        Forecast flat = forecaster.forecast(tiny, week(tiny, Set.of()));
        assertThat(flat.model()).isEqualTo("flat-median-last-day");
        assertThat(flat.upper()[0]).isGreaterThan(flat.point()[0]);
    }

    @Test
    void upperBoundCoversMostOfTheTruthAndIsNeverBelowThePoint() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries all = Synthetic.series(start, 35, NY, Set.of(), 7);
        TimeSeries h = all.slice(start, start.plus(Synthetic.FIVE_MIN.multipliedBy(28 * 288)));
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        int covered = 0;
        for (int i = 0; i < f.horizon(); i++) {
            assertThat(f.upper()[i]).isGreaterThanOrEqualTo(f.point()[i]);
            assertThat(f.point()[i]).isGreaterThanOrEqualTo(0);
            if (f.upper()[i] >= all.value(28 * 288 + i)) {
                covered++;
            }
        }
        assertThat(covered / (double) f.horizon()).isGreaterThan(0.9);
        assertThat(f.validationMetric()).isEqualTo("MASE(m=1 day)");
        assertThat(f.validationScore()).isPositive();
    }

    @Test
    void sameInputGivesTheSameForecast() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries h = Synthetic.series(start, 28, NY, Set.of(), 8);
        Forecast a = forecaster.forecast(h, week(h, Set.of()));
        Forecast b = new SmileForecaster().forecast(h, week(h, Set.of()));
        assertThat(a.point()).containsExactly(b.point());
        assertThat(a.upper()).containsExactly(b.upper());
        assertThat(a.model()).isEqualTo(b.model());
    }

    @Test
    void leadTimeGapBetweenHistoryAndForecastIsBridged() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        TimeSeries h = Synthetic.series(start, 28, NY, Set.of(), 9);
        ForecastRequest r = new ForecastRequest(h.end().plus(Synthetic.FIVE_MIN.multipliedBy(36)), Synthetic.FIVE_MIN,
                288, Optional.of(NY), Set.of());
        Forecast f = forecaster.forecast(h, r);
        assertThat(f.start()).isEqualTo(r.start());
        assertThat(mape(f, Set.of())).isLessThan(10);
    }

    @Test
    void mostlyMissingHistoryStillGivesAFiniteForecast() {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, NY).toInstant();
        double[] v = Synthetic.series(start, 28, NY, Set.of(), 10).values();
        java.util.Random rnd = new java.util.Random(10);
        for (int i = 0; i < v.length; i += 144) {
            if (rnd.nextDouble() < 0.9) {
                java.util.Arrays.fill(v, i, Math.min(v.length, i + 144), Double.NaN);
            }
        }
        TimeSeries h = new TimeSeries(start, Synthetic.FIVE_MIN, v);
        Forecast f = forecaster.forecast(h, week(h, Set.of()));
        for (int i = 0; i < f.horizon(); i++) {
            assertThat(f.point()[i]).isFinite().isNotNegative();
            assertThat(f.upper()[i]).isFinite().isGreaterThanOrEqualTo(f.point()[i]);
        }
    }

    @Test
    void historyWithoutSamplesIsRejected() {
        double[] v = new double[3000];
        java.util.Arrays.fill(v, Double.NaN);
        TimeSeries h = new TimeSeries(Instant.parse("2026-04-06T00:00:00Z"), Synthetic.FIVE_MIN, v);
        assertThatThrownBy(() -> forecaster.forecast(h, week(h, Set.of())))
                .hasMessage("forecasting: history has no samples");
    }
}
