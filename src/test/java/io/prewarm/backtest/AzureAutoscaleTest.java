package io.prewarm.backtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Azure autoscale model: window averages, percent change counts and cooldowns as rendered. */
class AzureAutoscaleTest {
    /** 100 per instance (headroom 0), +20% out with the 10-minute lead as cooldown, -20% per 5-minute window. */
    static AzureAutoscale azure() {
        return AzureAutoscale.rendered(100, 0, 20, 20, 10, 5);
    }

    @Test
    void scalesOutWhenTheFiveMinuteAverageBreachesThenWaitsTheCooldown() {
        AzureAutoscale a = azure();
        int desired = 10;
        for (int minute = 0; minute < 20; minute++) {
            // 150% of what the 10 serving instances carry; the new ones are still booting
            desired = a.decide(minute, 1500, 10, desired - 10, desired, 2, 50);
            int expected = minute < 4 ? 10 : minute < 14 ? 12 : 15;
            assertThat(desired).as("minute %d", minute).isEqualTo(expected);
        }
    }

    @Test
    void aShortSpikeCountsThroughTheWindowAverage() {
        AzureAutoscale a = azure();
        // one minute at 5x, then 50%: the 5-minute average (1.4) breaches, unlike 2 consecutive breaching minutes
        int desired = 10;
        double[] demand = {5000, 500, 500, 500, 500};
        for (int minute = 0; minute < demand.length; minute++) {
            desired = a.decide(minute, demand[minute], 10, 0, desired, 2, 50);
        }
        assertThat(desired).isEqualTo(12);
    }

    @Test
    void scalesInGentlyWhenTheFleetKeepsItsHeadroomAfterTheRemoval() {
        AzureAutoscale a = azure();
        int desired = 10;
        int[] expected = {10, 10, 10, 10, 8, 8, 8, 8, 8, 7};
        for (int minute = 0; minute < expected.length; minute++) {
            // half load: even without 20% of the fleet the rest stays under its target
            desired = a.decide(minute, 500, desired, 0, desired, 2, 50);
            assertThat(desired).as("minute %d", minute).isEqualTo(expected[minute]);
        }
    }
}
