package io.prewarm.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    @Test
    void usFederalHolidaysFollowTheirRulesAndObservedDates() {
        Set<LocalDate> d = HolidayCalendar.of("us", Set.of()).between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(d).contains(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 19),
                LocalDate.of(2026, 7, 3), // July 4th is a Saturday: observed Friday
                LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 12), LocalDate.of(2026, 11, 11),
                LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25));
        assertThat(d).hasSize(11).doesNotContain(LocalDate.of(2026, 7, 4));
    }

    @Test
    void easterBasedHolidaysMoveWithEaster() {
        assertThat(HolidayCalendar.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(HolidayCalendar.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(HolidayCalendar.of("GB", Set.of()).between(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)))
                .containsExactly(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6));
        assertThat(HolidayCalendar.of("DE", Set.of()).isHoliday(LocalDate.of(2026, 5, 14))).isTrue(); // Ascension
        assertThat(HolidayCalendar.of("FR", Set.of()).isHoliday(LocalDate.of(2026, 7, 14))).isTrue();
    }

    @Test
    void gbMovesWeekendChristmasAndBoxingDayToTheFollowingWeekdays() {
        // 2027: Christmas on Saturday, Boxing Day on Sunday -> Monday 27 and Tuesday 28.
        assertThat(HolidayCalendar.of("GB", Set.of()).between(LocalDate.of(2027, 12, 20), LocalDate.of(2027, 12, 31)))
                .containsExactly(LocalDate.of(2027, 12, 27), LocalDate.of(2027, 12, 28));
    }

    @Test
    void japanHasEquinoxesAndSubstituteHolidays() {
        HolidayCalendar jp = HolidayCalendar.of("JP", Set.of());
        assertThat(jp.isHoliday(LocalDate.of(2026, 3, 20))).isTrue(); // vernal equinox
        assertThat(jp.isHoliday(LocalDate.of(2026, 9, 23))).isTrue(); // autumnal equinox
        assertThat(jp.isHoliday(LocalDate.of(2026, 5, 6))).isTrue(); // substitute for Sunday May 3
        assertThat(jp.isHoliday(LocalDate.of(2026, 9, 22))).isTrue(); // between Respect for the Aged Day and equinox
    }

    @Test
    void extraDatesAreAddedAndNoneHasOnlyThem() {
        LocalDate launch = LocalDate.of(2026, 3, 3);
        assertThat(HolidayCalendar.of("none", Set.of(launch)).between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .containsExactly(launch);
        assertThat(HolidayCalendar.of("US", Set.of(launch)).isHoliday(launch)).isTrue();
    }

    @Test
    void unknownCountryIsRejectedByName() {
        assertThat(HolidayCalendar.isKnownCountry("gb")).isTrue();
        assertThat(HolidayCalendar.isKnownCountry("XX")).isFalse();
        assertThatThrownBy(() -> HolidayCalendar.of("XX", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'XX'");
    }
}
