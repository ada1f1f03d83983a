package io.prewarm.console;

import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.PlanFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {
    // Saturday 13:00 in Berlin; the weekday schedule pre-warms at 08:50, peaks at 09:00, steps down at 18:00, floors at 22:00
    static final Instant SATURDAY_NOON_UTC = Instant.parse("2026-11-28T12:00:00Z");
    final Schedule schedule = new Schedule(plan());

    static CapacityPlan plan() {
        return PlanFixtures.plan("prod", "checkout", new Target(TargetKind.AWS_ASG, "checkout-prod", Map.of("region",
                "us-east-1")), PlanFixtures.weekdayActions(PlanFixtures.BERLIN));
    }

    @Test
    void floorNowIsSetByTheLastActionThatFiredAcrossTheWeekend() {
        assertThat(schedule.floorAt(SATURDAY_NOON_UTC)).isEqualTo(4);
        assertThat(schedule.floorAt(Instant.parse("2026-11-30T07:55:00Z"))).as("Monday 08:55 Berlin: pre-warmed").isEqualTo(10);
        assertThat(schedule.floorAt(Instant.parse("2026-11-30T10:00:00Z"))).as("Monday 11:00 Berlin: peak").isEqualTo(14);
        assertThat(schedule.floorAt(Instant.parse("2026-11-30T17:30:00Z"))).as("Monday 18:30 Berlin: stepped down").isEqualTo(12);
    }

    @Test
    void whyNamesTheReasonDetailAndActionThatSetTheFloor() {
        assertThat(schedule.why(SATURDAY_NOON_UTC)).isEqualTo("MIN_LIMIT: policy minimum 4 (night-2200-floor, since Fri 22:00 CET)");
        assertThat(schedule.why(Instant.parse("2026-11-30T10:00:00Z"))).startsWith("PREDICTED_PEAK: upper forecast 1150 rps");
    }

    @Test
    void nextChangeIsTheFirstFiringAfterNowWithItsLocalTimeAndReason() {
        ConsoleModel.Change next = schedule.next(SATURDAY_NOON_UTC).orElseThrow();
        assertThat(next.at()).isEqualTo(Instant.parse("2026-11-28T21:00:00Z"));
        assertThat(next.local()).isEqualTo("Sat 22:00 CET");
        assertThat(next.min()).isEqualTo(4);
        assertThat(next.reason()).isEqualTo("MIN_LIMIT: policy minimum 4");
    }

    @Test
    void simultaneousActionsKeepTheLargerFloorAsPlanSnapshotDoes() {
        // Christmas Eve 08:50 Berlin: the one-off holiday floor (6) and the weekday pre-warm (10) fire together
        Instant after = Instant.parse("2026-12-24T07:51:00Z");
        assertThat(schedule.floorAt(after)).isEqualTo(10);
        List<Double> floors = schedule.floors(Instant.parse("2026-12-24T07:40:00Z"), Instant.parse("2026-12-24T08:10:00Z"),
                Duration.ofMinutes(10));
        assertThat(floors).as("08:40, 08:50 and 09:00 in Berlin").containsExactly(4.0, 10.0, 14.0);
    }
}
