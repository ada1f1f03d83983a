package io.prewarm.backtest;

import io.prewarm.metrics.TimeSeries;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemandTraceTest {
    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final TimeSeries SAMPLES = new TimeSeries(T0, Duration.ofMinutes(5), new double[] {100, 200, Double.NaN, 400});

    @Test
    void linearShapeMovesInAStraightLineBetweenSamples() {
        DemandTrace t = DemandTrace.of(SAMPLES, T0, T0.plus(Duration.ofMinutes(10)), DemandTrace.Shape.LINEAR);
        assertThat(t.minutes()).isEqualTo(10);
        assertThat(t.at(0)).isEqualTo(100);
        assertThat(t.at(1)).isCloseTo(120, within(1e-9));
        assertThat(t.at(4)).isCloseTo(180, within(1e-9));
        assertThat(t.at(5)).isEqualTo(200);
        // the next sample is missing: hold, do not invent a slope
        assertThat(t.at(7)).isEqualTo(200);
    }

    @Test
    void stepShapeHoldsEachSampleAndGapsStayMissing() {
        DemandTrace t = DemandTrace.of(SAMPLES, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(20)),
                DemandTrace.Shape.STEP);
        assertThat(t.at(0)).isEqualTo(200);
        assertThat(t.at(4)).isEqualTo(200);
        assertThat(t.at(5)).isNaN();
        assertThat(t.at(9)).isNaN();
        assertThat(t.at(10)).isEqualTo(400);
        assertThat(t.peak()).isEqualTo(400);
    }

    @Test
    void minutesBeyondTheHistoryAreMissing() {
        DemandTrace t = DemandTrace.of(SAMPLES, T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(25)),
                DemandTrace.Shape.LINEAR);
        assertThat(t.at(0)).isEqualTo(400);
        assertThat(t.at(4)).isEqualTo(400);
        assertThat(t.at(5)).isNaN();
    }
}
