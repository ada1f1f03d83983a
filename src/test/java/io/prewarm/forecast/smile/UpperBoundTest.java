package io.prewarm.forecast.smile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpperBoundTest {
    private static final int WINDOWS = 10;
    private static final int LEN = 100;

    /** Forecast 100 everywhere; window j starts at j * LEN. */
    private static double[][] flatForecasts() {
        double[][] fc = new double[WINDOWS][LEN];
        for (double[] f : fc) {
            java.util.Arrays.fill(f, 100);
        }
        return fc;
    }

    private static int[] origins() {
        int[] o = new int[WINDOWS];
        for (int j = 0; j < WINDOWS; j++) {
            o[j] = j * LEN;
        }
        return o;
    }

    @Test
    void rareHugeBurstsDoNotSetTheMargin() {
        double[] raw = new double[WINDOWS * LEN];
        for (int t = 0; t < raw.length; t++) {
            raw[t] = t % 40 == 0 ? 500 : 100 + (t % 10); // 2.5% of hours at five times the forecast
        }
        UpperBound ub = new UpperBound(raw, origins(), flatForecasts(), 10);
        assertThat(ub.margin()).isLessThan(0.2);
        assertThat(ub.upper(100)).isBetween(109.0, 120.0);
    }

    @Test
    void windowsThatMissTheLevelWidenTheBound() {
        double[] raw = new double[WINDOWS * LEN];
        for (int t = 0; t < raw.length; t++) {
            raw[t] = (t / LEN) % 2 == 0 ? 120 : 80; // whole windows 20% above or below the forecast
        }
        UpperBound ub = new UpperBound(raw, origins(), flatForecasts(), 10);
        // P95 alone is 0.2; the spread of the window means (about 0.21) adds 2.5 times itself.
        assertThat(ub.margin()).isGreaterThan(0.6);
    }

    @Test
    void quietHoursUseTheFloorAndMissingActualsAreSkipped() {
        double[] raw = new double[WINDOWS * LEN];
        java.util.Arrays.fill(raw, Double.NaN);
        UpperBound none = new UpperBound(raw, origins(), flatForecasts(), 10);
        assertThat(none.margin()).isEqualTo(UpperBound.DEFAULT_Q);
        assertThat(none.upper(0)).isEqualTo(UpperBound.DEFAULT_Q * 10);
    }

    @Test
    void forecastsWithUnreachableSlotsStillGiveAFiniteBound() {
        double[] raw = new double[WINDOWS * LEN];
        java.util.Arrays.fill(raw, 110);
        double[][] fc = flatForecasts();
        fc[0][5] = Double.NaN; // a slot with no history, which the forecaster later patches
        fc[3][7] = Double.NaN;
        UpperBound ub = new UpperBound(raw, origins(), fc, 10);
        assertThat(ub.margin()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }
}
