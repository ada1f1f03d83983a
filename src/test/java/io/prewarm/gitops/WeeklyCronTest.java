package io.prewarm.gitops;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyCronTest {
    static int minute(int mondayBasedDay, int hour, int min) {
        return mondayBasedDay * 1440 + hour * 60 + min;
    }

    @Test
    void weekdaysAtOneTime() {
        BitSet f = WeeklyCron.firings("30 8 * * 1-5").orElseThrow();
        assertThat(f.cardinality()).isEqualTo(5);
        assertThat(f.get(minute(0, 8, 30))).isTrue();
        assertThat(f.get(minute(4, 8, 30))).isTrue();
        assertThat(f.get(minute(5, 8, 30))).isFalse();
    }

    @Test
    void sundayIsZeroOrSevenAndListsStepsAndRangesWork() {
        assertThat(WeeklyCron.firings("0 21 * * 0").orElseThrow().get(minute(6, 21, 0))).isTrue();
        assertThat(WeeklyCron.firings("0 21 * * 7").orElseThrow().get(minute(6, 21, 0))).isTrue();
        assertThat(WeeklyCron.firings("0 21 * * *").orElseThrow().cardinality()).isEqualTo(7);
        assertThat(WeeklyCron.firings("*/15 9-10 * * 6").orElseThrow().cardinality()).isEqualTo(8);
        assertThat(WeeklyCron.firings("0,30 6 * * 1,3").orElseThrow().cardinality()).isEqualTo(4);
    }

    @Test
    void dateBoundOrMalformedCronsAreNotWeekly() {
        assertThat(WeeklyCron.firings("0 9 24 12 *")).isEmpty();
        assertThat(WeeklyCron.firings("0 9 * 12 *")).isEmpty();
        assertThat(WeeklyCron.firings("0 25 * * *")).isEmpty();
        assertThat(WeeklyCron.firings("0 9 * * MON")).isEmpty();
        assertThat(WeeklyCron.firings("0 9 * *")).isEmpty();
        assertThat(WeeklyCron.firings("*/0 9 * * *")).isEmpty();
    }
}
