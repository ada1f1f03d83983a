package io.prewarm.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class NormalPeakTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant START = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void normalPeakIsTheMedianOfDailyPeaksSoAnIncidentDayBarelyMovesIt() {
        double[] v = new double[24 * 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 10 * (i / 24) * ((i % 24) == 12 ? 1 : 0); // daily peaks 100, 110, ..., 160
        }
        v[24 * 3 + 5] = 100_000; // one incident on day 4
        // peaks: 100, 110, 120, 100000, 140, 150, 160 -> median 140
        assertThat(NormalPeak.fromHistory(START, HOUR, v, UTC)).isEqualTo(140.0);
    }

    @Test
    void daysWithMostSamplesMissingDoNotCount() {
        double[] v = new double[24 * 3];
        Arrays.fill(v, 50);
        Arrays.fill(v, 24, 48, Double.NaN);
        v[30] = 1; // a lone sample in a missing day is not a quiet day
        assertThat(NormalPeak.fromHistory(START, HOUR, v, UTC)).isEqualTo(50.0);
    }

    @Test
    void noUsableDayGivesZero() {
        double[] v = new double[5];
        Arrays.fill(v, Double.NaN);
        assertThat(NormalPeak.fromHistory(START, HOUR, v, UTC)).isZero();
    }
}
