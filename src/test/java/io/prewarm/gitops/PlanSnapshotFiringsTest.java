package io.prewarm.gitops;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class PlanSnapshotFiringsTest {
    static int minute(int mondayBasedDay, int hour, int min) {
        return mondayBasedDay * 1440 + hour * 60 + min;
    }

    @Test
    void weekdaysAtOneTime() {
        BitSet f = PlanSnapshot.firings("30 8 * * 1-5").orElseThrow();
        assertThat(f.cardinality()).isEqualTo(5);
        assertThat(f.get(minute(0, 8, 30))).isTrue();
        assertThat(f.get(minute(4, 8, 30))).isTrue();
        assertThat(f.get(minute(5, 8, 30))).isFalse();
    }

    @Test
    void sundayIsZeroOrSevenAndListsStepsAndRangesWork() {
        assertThat(PlanSnapshot.firings("0 21 * * 0").orElseThrow().get(minute(6, 21, 0))).isTrue();
        assertThat(PlanSnapshot.firings("0 21 * * 7").orElseThrow().get(minute(6, 21, 0))).isTrue();
        assertThat(PlanSnapshot.firings("0 21 * * *").orElseThrow().cardinality()).isEqualTo(7);
        assertThat(PlanSnapshot.firings("*/15 9-10 * * 6").orElseThrow().cardinality()).isEqualTo(8);
        assertThat(PlanSnapshot.firings("0,30 6 * * 1,3").orElseThrow().cardinality()).isEqualTo(4);
    }

    @Test
    void dayNamesAreWeekly() {
        assertThat(PlanSnapshot.firings("0 9 * * MON").orElseThrow().stream().boxed().toList()).containsExactly(540);
    }

    @Test
    void dateBoundOrMalformedCronsAreNotWeekly() {
        assertThat(PlanSnapshot.firings("0 9 24 12 *")).isEmpty();
        assertThat(PlanSnapshot.firings("0 9 * 12 *")).isEmpty();
        assertThat(PlanSnapshot.firings("0 25 * * *")).isEmpty();
        assertThat(PlanSnapshot.firings("0 9 * *")).isEmpty();
        assertThat(PlanSnapshot.firings("*/0 9 * * *")).isEmpty();
    }
}
