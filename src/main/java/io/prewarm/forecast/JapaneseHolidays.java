package io.prewarm.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Japanese national holidays under the current law (Happy Monday system, equinoxes by the standard
 * astronomical approximation valid 1980-2099, substitute and "sandwiched" citizens' holidays). The
 * one-off shifts of 2019-2021 (enthronement, Olympics) are not modelled.
 */
final class JapaneseHolidays {
    private JapaneseHolidays() {
    }

    static List<LocalDate> of(int y) {
        TreeSet<LocalDate> d = new TreeSet<>();
        d.add(LocalDate.of(y, 1, 1));
        d.add(HolidayCalendar.nth(y, Month.JANUARY, DayOfWeek.MONDAY, 2));
        d.add(LocalDate.of(y, 2, 11));
        if (y >= 2020) {
            d.add(LocalDate.of(y, 2, 23));
        }
        d.add(LocalDate.of(y, 3, equinox(y, 20.8431)));
        d.add(LocalDate.of(y, 4, 29));
        d.add(LocalDate.of(y, 5, 3));
        d.add(LocalDate.of(y, 5, 4));
        d.add(LocalDate.of(y, 5, 5));
        d.add(HolidayCalendar.nth(y, Month.JULY, DayOfWeek.MONDAY, 3));
        if (y >= 2016) {
            d.add(LocalDate.of(y, 8, 11));
        }
        d.add(HolidayCalendar.nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 3));
        d.add(LocalDate.of(y, 9, equinox(y, 23.2488)));
        d.add(HolidayCalendar.nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        d.add(LocalDate.of(y, 11, 3));
        d.add(LocalDate.of(y, 11, 23));
        // A day between two holidays is a holiday (happens in September).
        List<LocalDate> sandwiched = new ArrayList<>();
        for (LocalDate h : d) {
            LocalDate next = h.plusDays(2);
            if (d.contains(next) && !d.contains(h.plusDays(1)) && h.plusDays(1).getDayOfWeek() != DayOfWeek.SUNDAY) {
                sandwiched.add(h.plusDays(1));
            }
        }
        d.addAll(sandwiched);
        // A holiday on a Sunday moves to the next day that is not a holiday.
        List<LocalDate> substitutes = new ArrayList<>();
        for (LocalDate h : d) {
            if (h.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate s = h.plusDays(1);
                while (d.contains(s) || substitutes.contains(s)) {
                    s = s.plusDays(1);
                }
                substitutes.add(s);
            }
        }
        d.addAll(substitutes);
        return List.copyOf(d);
    }

    private static int equinox(int y, double base) {
        return (int) Math.floor(base + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4.0));
    }
}
