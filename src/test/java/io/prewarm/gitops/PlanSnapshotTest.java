package io.prewarm.gitops;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.prewarm.gitops.PlanSnapshotFixtures.plan;
import static io.prewarm.gitops.PlanSnapshotFixtures.weekday;
import static org.assertj.core.api.Assertions.assertThat;

class PlanSnapshotTest {
    static final CapacityPlan CHECKOUT = plan("prod", "checkout", 1400, 3, 80, weekday(8, 17, 14, 3), List.of());

    @Test
    void summarisesLimitsScheduleAndTheWeeklyFloorTheActionsAddUpTo() {
        PlanSnapshot s = PlanSnapshot.of(CHECKOUT);
        assertThat(s.key()).isEqualTo(ServiceKey.of("prod", "checkout"));
        assertThat(s.min()).isEqualTo(3);
        assertThat(s.max()).isEqualTo(60);
        assertThat(s.policyMax()).isEqualTo(80);
        assertThat(s.peakCapacity()).isEqualTo(17);
        assertThat(s.peakWhen()).isEqualTo("Mon 08:30");
        assertThat(s.hourly()).hasSize(168);
        assertThat(s.capacityAt(Instant.parse("2026-12-01T10:00:00Z"))).isEqualTo(17.0); // Tue 11:00 Berlin
        assertThat(s.capacityAt(Instant.parse("2026-12-01T01:00:00Z"))).isEqualTo(3.0);  // Tue 02:00, from 21:00 the night before
        assertThat(s.capacityAt(Instant.parse("2026-12-01T05:00:00Z"))).isEqualTo(5.5);  // Tue 06:00-07:00: 3, then 8 from 06:30
        assertThat(s.capacityAt(Instant.parse("2026-11-30T00:30:00Z"))).isEqualTo(3.0);  // Mon 01:30: Sunday's 21:00 floor carries over
        assertThat(s.capacityAt(Instant.parse("2026-11-29T12:00:00Z"))).isEqualTo(3.0);  // Sunday: no weekday actions
        // 5 weekdays x (2 h x 8 + 8.5 h x 17 + 4 h x 14) + the other 95.5 hours at 3
        assertThat(s.instanceHoursPerWeek()).isEqualTo(5 * (16 + 144.5 + 56) + (168 - 5 * 14.5) * 3);
        assertThat(s.actions()).extracting(PlanSnapshot.Action::name).isSorted();
    }

    @Test
    void theSnapshotHoldsNoForecastNumbersSoTheSameScheduleGivesAnEqualSnapshot() {
        CapacityPlan otherForecast = plan("prod", "checkout", 1450, 3, 80, weekday(8, 17, 14, 3), List.of("a note"));
        assertThat(PlanSnapshot.of(otherForecast)).isEqualTo(PlanSnapshot.of(CHECKOUT));
    }

    @Test
    void aOneOffAboveTheWeeklyPeakIsThePeak() {
        List<io.prewarm.plan.ScalingAction> actions = new java.util.ArrayList<>(weekday(8, 17, 14, 3));
        actions.add(PlanSnapshotFixtures.once("once-20261127-0800", Instant.parse("2026-11-27T07:00:00Z"), 30,
                ReasonCode.HOLIDAY, "Black Friday"));
        PlanSnapshot s = PlanSnapshot.of(plan("prod", "checkout", 1400, 3, 80, actions, List.of()));
        assertThat(s.peakCapacity()).isEqualTo(30);
        assertThat(s.peakWhen()).isEqualTo("2026-11-27 08:00");
        assertThat(s.hourly()).isEqualTo(PlanSnapshot.of(CHECKOUT).hourly());
    }

    @Test
    void oneOffActionsAreKeptInLocalTime() {
        CapacityPlan p = plan("prod", "checkout", 1400, 3, 80, List.of(PlanSnapshotFixtures.once("holiday-2026-12-24",
                Instant.parse("2026-12-24T07:30:00Z"), 6, ReasonCode.HOLIDAY, "Christmas Eve")), List.of());
        assertThat(PlanSnapshot.of(p).actions().get(0).when()).isEqualTo("2026-12-24 08:30");
    }
}
