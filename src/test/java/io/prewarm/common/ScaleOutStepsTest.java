package io.prewarm.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale-out bands that the AWS renderer writes and the backtest simulates. */
class ScaleOutStepsTest {
    @Test
    void eachBreachBandAddsItsStepAndNeverLessThanThePolicysStep() {
        assertThat(ScaleOutSteps.percentFor(20, 0.0)).isEqualTo(20);
        assertThat(ScaleOutSteps.percentFor(20, 0.249)).isEqualTo(20);
        assertThat(ScaleOutSteps.percentFor(20, 0.25)).isEqualTo(50);
        assertThat(ScaleOutSteps.percentFor(20, 0.5)).isEqualTo(100);
        assertThat(ScaleOutSteps.percentFor(20, 1.0)).isEqualTo(200);
        assertThat(ScaleOutSteps.percentFor(20, 7.0)).isEqualTo(200);
        assertThat(ScaleOutSteps.percentFor(60, 0.3)).isEqualTo(60);
        assertThat(ScaleOutSteps.bands()).isEqualTo(4);
        assertThat(ScaleOutSteps.breach(3)).isEqualTo(1.0);
    }
}
