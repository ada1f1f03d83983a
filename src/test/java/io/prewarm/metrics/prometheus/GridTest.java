package io.prewarm.metrics.prometheus;

import io.prewarm.common.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theWindowEndIsNotAPoint() {
        Grid g = Grid.of(new TimeWindow(T0, T0.plus(Duration.ofDays(28)), Duration.ofMinutes(5)));
        assertThat(g.size()).isEqualTo(8064);
        assertThat(g.timeAt(8063)).isEqualTo(T0.plus(Duration.ofDays(28)).minus(Duration.ofMinutes(5)).toEpochMilli());
    }

    @Test
    void chunksTileTheGridWithoutOverlapIncludingAnExactMultiple() {
        assertThat(new Grid(0, 1000, 8).chunks(4)).containsExactly(new Grid.Chunk(0, 4), new Grid.Chunk(4, 8));
        assertThat(new Grid(0, 1000, 9).chunks(4)).containsExactly(new Grid.Chunk(0, 4), new Grid.Chunk(4, 8),
                new Grid.Chunk(8, 9));
        assertThat(new Grid(0, 1000, 3).chunks(11_000)).containsExactly(new Grid.Chunk(0, 3));
    }

    @Test
    void aFullChunkOfElevenThousandOnePointsIsExactlyElevenThousandIntervals() {
        List<Grid.Chunk> chunks = new Grid(0, 60_000, 22_002).chunks(11_001);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).to() - 1 - chunks.get(0).from()).isEqualTo(PrometheusConfigs.PROMETHEUS_MAX_INTERVALS);
    }

    @Test
    void formatsMillisecondsAsDecimalSeconds() {
        assertThat(Grid.seconds(1_700_000_000_000L)).isEqualTo("1700000000");
        assertThat(Grid.seconds(1_700_000_000_250L)).isEqualTo("1700000000.25");
        assertThat(Grid.seconds(300_000)).isEqualTo("300");
        assertThat(Grid.seconds(1500)).isEqualTo("1.5");
    }

    @Test
    void aSubMillisecondStepIsRejected() {
        assertThatThrownBy(() -> Grid.of(new TimeWindow(T0, T0.plusSeconds(1), Duration.ofNanos(10))))
                .hasMessageContaining("step must be at least 1 ms");
    }
}
