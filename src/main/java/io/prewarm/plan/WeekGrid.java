package io.prewarm.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The week as slots of one plan step in wall-clock time of the policy zone, Monday 00:00 first. Weekly
 * cron actions live on this grid: slot {@code s} fires every week at the same local day and time.
 */
final class WeekGrid {
    private static final int MINUTES_PER_DAY = 1440;

    private final ZoneId zone;
    private final int stepMinutes;
    private final int slotsPerDay;

    WeekGrid(ZoneId zone, Duration step) {
        this.zone = zone;
        long minutes = step.toMinutes();
        // cron has minute resolution and a slot must tile a day, or weekly actions drift
        if (minutes <= 0 || !step.equals(Duration.ofMinutes(minutes)) || MINUTES_PER_DAY % minutes != 0) {
            throw new IllegalArgumentException("planning: step " + step + " must be whole minutes dividing a day");
        }
        this.stepMinutes = (int) minutes;
        this.slotsPerDay = MINUTES_PER_DAY / stepMinutes;
    }

    int slots() {
        return 7 * slotsPerDay;
    }

    int slotsPerDay() {
        return slotsPerDay;
    }

    /** The slot whose local wall-clock interval holds {@code t}. */
    int slotOf(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        int day = z.getDayOfWeek().getValue() - 1;
        int minute = z.getHour() * 60 + z.getMinute();
        return day * slotsPerDay + minute / stepMinutes;
    }

    /** Position of the slot within its day. */
    int slotOfDay(int slot) {
        return slot % slotsPerDay;
    }

    DayOfWeek day(int slot) {
        return DayOfWeek.of(slot / slotsPerDay + 1);
    }

    int minuteOfDay(int slot) {
        return slotOfDay(slot) * stepMinutes;
    }

    /** Five-field cron {@code m h * * dow}, Sunday = 0. */
    String cron(int slot) {
        int minute = minuteOfDay(slot);
        return (minute % 60) + " " + (minute / 60) + " * * " + (day(slot).getValue() % 7);
    }

    /** Stable action name such as {@code mon-0850}. */
    String name(int slot) {
        int minute = minuteOfDay(slot);
        return day(slot).getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT)
                + String.format(Locale.ROOT, "-%02d%02d", minute / 60, minute % 60);
    }

    /** Human form such as {@code mon 08:50}, for details. */
    String label(int slot) {
        int minute = minuteOfDay(slot);
        return day(slot).getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT)
                + String.format(Locale.ROOT, " %02d:%02d", minute / 60, minute % 60);
    }
}
