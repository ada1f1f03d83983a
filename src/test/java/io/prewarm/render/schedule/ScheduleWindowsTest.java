package io.prewarm.render.schedule;

import io.prewarm.render.PlanFixtures;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleWindowsTest {

    @Test
    void parsesRangesListsStepsAndDayNames() {
        WeeklyCron c = WeeklyCron.parse("*/20 8-9 * * MON-FRI,0", "t");
        assertThat(c.minutes()).containsExactly(0, 20, 40);
        assertThat(c.hours()).containsExactly(8, 9);
        assertThat(c.days()).hasSize(6).contains(SUNDAY, MONDAY, FRIDAY);
        assertThat(WeeklyCron.parse("0 9 * * 7", "t").days()).containsExactly(SUNDAY);
    }

    @Test
    void rejectsCronsThatAreNotWeeklyOrMalformedWithContext() {
        assertThatThrownBy(() -> WeeklyCron.parse("0 9 1 * *", "rendering prod/web: action a"))
                .hasMessage("rendering prod/web: action a: cron '0 9 1 * *' restricts day of month or month; "
                        + "only weekly schedules can be rendered for this target");
        assertThatThrownBy(() -> WeeklyCron.parse("0 25 * * *", "t")).hasMessageContaining("outside 0-23");
        assertThatThrownBy(() -> WeeklyCron.parse("0 9 * *", "t")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> WeeklyCron.parse("x 9 * * *", "t")).hasMessageContaining("not a number");
    }

    @Test
    void writesCompactDayFields() {
        assertThat(WeeklyCron.dayField(Set.of(MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY))).isEqualTo("1-3");
        assertThat(WeeklyCron.dayField(Set.of(SATURDAY, SUNDAY))).isEqualTo("0,6");
        assertThat(WeeklyCron.dayField(Set.of(DayOfWeek.values()))).isEqualTo("*");
        assertThat(WeeklyCron.dayField(Set.of(MONDAY, DayOfWeek.TUESDAY, FRIDAY))).isEqualTo("1,2,5");
    }

    @Test
    void eachActionHoldsUntilTheNextOneFiresAndSameShapedDaysMerge() {
        ScheduleWindows w = ScheduleWindows.of(PlanFixtures.weekdayActions(PlanFixtures.BERLIN), PlanFixtures.BERLIN, "t");

        assertThat(w.weekly()).extracting(x -> x.action().name() + " " + x.startCron() + " -> " + x.endCron()
                + " (" + x.minutes() + ")").containsExactly(
                "night-2200-floor 0 22 * * 0-4 -> 50 8 * * 1-5 (650)",
                "night-2200-floor 0 22 * * 5,6 -> 0 22 * * 0,6 (1440)",
                "weekday-0850-prewarm 50 8 * * 1-5 -> 0 9 * * 1-5 (10)",
                "weekday-0900-peak 0 9 * * 1-5 -> 0 18 * * 1-5 (540)",
                "weekday-1800-down 0 18 * * 1-5 -> 0 22 * * 1-5 (240)");
    }

    @Test
    void perDayActionsWithTheSameShapeShareOneWindow() {
        var mon = new io.prewarm.plan.ScalingAction("mon-0900", java.util.Optional.of("0 9 * * 1"),
                java.util.Optional.empty(), PlanFixtures.BERLIN, 12, -1, -1, io.prewarm.common.ReasonCode.PREWARM, "");
        var tue = new io.prewarm.plan.ScalingAction("tue-0900", java.util.Optional.of("0 9 * * 2"),
                java.util.Optional.empty(), PlanFixtures.BERLIN, 12, -1, -1, io.prewarm.common.ReasonCode.PREWARM, "");
        var evening = new io.prewarm.plan.ScalingAction("evening", java.util.Optional.of("0 17 * * 1,2"),
                java.util.Optional.empty(), PlanFixtures.BERLIN, 4, -1, -1, io.prewarm.common.ReasonCode.BASELINE, "");

        ScheduleWindows w = ScheduleWindows.of(List.of(tue, evening, mon), PlanFixtures.BERLIN, "t");

        assertThat(w.weekly()).filteredOn(x -> x.action().min() == 12).singleElement().satisfies(x -> {
            assertThat(x.action().name()).isEqualTo("mon-0900");
            assertThat(x.names()).containsExactly("mon-0900", "tue-0900");
            assertThat(x.startCron()).isEqualTo("0 9 * * 1,2");
            assertThat(x.endCron()).isEqualTo("0 17 * * 1,2");
        });
    }

    @Test
    void oneOffActionsHoldUntilTheNextWeeklyFiringInLocalTime() {
        ScheduleWindows w = ScheduleWindows.of(PlanFixtures.weekdayActions(PlanFixtures.BERLIN), PlanFixtures.BERLIN, "t");

        assertThat(w.oneOffs()).singleElement().satisfies(o -> {
            assertThat(o.start()).isEqualTo(LocalDateTime.of(2026, 12, 24, 8, 50));
            assertThat(o.minutes()).isEqualTo(10);
            assertThat(o.startCronWithYear()).isEqualTo("50 8 24 12 * 2026");
            assertThat(o.endCron()).isEqualTo("0 9 24 12 *");
        });
    }

    @Test
    void aSingleWeeklyActionCoversTheWholeWeek() {
        var only = PlanFixtures.weekdayActions(PlanFixtures.BERLIN).get(3);
        ScheduleWindows w = ScheduleWindows.of(List.of(only), PlanFixtures.BERLIN, "t");
        assertThat(w.weekly()).singleElement().satisfies(x -> {
            assertThat(x.wholeWeek()).isFalse();
            assertThat(x.start()).isEqualTo(LocalTime.of(22, 0));
            assertThat(x.minutes()).isEqualTo(1440);
        });
        var weekly = new io.prewarm.plan.ScalingAction("once", java.util.Optional.of("0 9 * * 1"),
                java.util.Optional.empty(), PlanFixtures.BERLIN, 5, -1, -1, io.prewarm.common.ReasonCode.PREWARM, "");
        assertThat(ScheduleWindows.of(List.of(weekly), PlanFixtures.BERLIN, "t").weekly())
                .singleElement().satisfies(x -> assertThat(x.wholeWeek()).isTrue());
    }
}
