package io.prewarm.metrics.file;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvHistorySamplesTest {
    @Test
    void samplesKeepTheirValuesWhenTheCallersOrTheAccessorsArraysChange() {
        long[] times = {0, 3600};
        double[] values = {1, 2};
        CsvHistory.Samples s = new CsvHistory.Samples(times, values);
        values[0] = 99;
        s.values()[1] = 99;
        s.times()[1] = 7200;
        assertThat(s.values()).containsExactly(1, 2);
        assertThat(s.times()).containsExactly(0, 3600);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.onGrid(Instant.EPOCH, Duration.ofHours(1), 2, 0).values()).containsExactly(1, 2);
    }

    @Test
    void timesAndValuesOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> new CsvHistory.Samples(new long[] {0}, new double[0]))
                .hasMessage("times and values differ in length: 1 vs 0");
    }
}
