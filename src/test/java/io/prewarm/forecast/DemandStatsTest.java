package io.prewarm.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prewarm.metrics.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemandStatsTest {

    private static double[] days(int count) {
        double[] v = new double[count * 288];
        for (int i = 0; i < v.length; i++) {
            double hour = (i % 288) / 12.0;
            v[i] = 20 + 80 * Math.max(0, Math.sin(Math.PI * (hour - 6) / 12));
        }
        return v;
    }

    @Test
    void normalPeakIgnoresSingleSpikesAndExceptionalDays() {
        double[] v = days(10);
        v[3 * 288 + 150] = 5000; // a one-sample spike
        for (int i = 5 * 288; i < 6 * 288; i++) {
            v[i] *= 5; // a launch day
        }
        TimeSeries ts = new TimeSeries(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofMinutes(5), v);
        assertThat(DemandStats.normalPeak(ts, ZoneOffset.UTC)).isCloseTo(100, within(1.0));
    }

    @Test
    void daysWithMostSamplesMissingDoNotCount() {
        double[] v = days(5);
        for (int i = 0; i < 3 * 288; i++) {
            if (i % 288 < 200) {
                v[i] = Double.NaN; // 3 days mostly missing, what remains is their quiet night
            }
        }
        TimeSeries ts = new TimeSeries(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofMinutes(5), v);
        assertThat(DemandStats.normalPeak(ts, ZoneOffset.UTC)).isCloseTo(100, within(1.0));
    }

    @Test
    void emptyHistoryHasNoNormalPeak() {
        TimeSeries ts = new TimeSeries(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofMinutes(5), new double[0]);
        assertThat(DemandStats.normalPeak(ts, ZoneOffset.UTC)).isNaN();
    }
}
