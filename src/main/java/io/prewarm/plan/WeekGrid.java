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

    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    private final ZoneId zone;
    private final int stepMinutes;
    private final int slotsPerDay;
    /**
     * Local minutes past the slot boundary at which the plan's steps fall: 0 usually, 30 for hourly
     * steps in a half-hour zone such as Asia/Kolkata. Crons fire exactly at the steps' local times, so a
     * scale-down never comes half a step early.
     */
    private final int phase;

    WeekGrid(ZoneId zone, Duration step, Instant anchor) {
        this.zone = zone;
        long minutes = step.toMinutes();
        // cron has minute resolution and a slot must tile a day, or weekly actions drift
        if (minutes <= 0 || !step.equals(Duration.ofMinutes(minutes)) || MINUTES_PER_DAY % minutes != 0) {
            throw new IllegalArgumentException("planning: step " + step + " must be whole minutes dividing a day");
        }
        this.stepMinutes = (int) minutes;
        this.slotsPerDay = MINUTES_PER_DAY / stepMinutes;
        this.phase = localMinuteOfWeek(anchor) % stepMinutes;
    }

    int slots() {
        return 7 * slotsPerDay;
    }

    int slotsPerDay() {
        return slotsPerDay;
    }

    private int localMinuteOfWeek(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        return (z.getDayOfWeek().getValue() - 1) * MINUTES_PER_DAY + z.getHour() * 60 + z.getMinute();
    }

    /** The slot whose local wall-clock interval holds {@code t}. */
    int slotOf(Instant t) {
        return Math.floorMod(Math.floorDiv(localMinuteOfWeek(t) - phase, stepMinutes), slots());
    }

    /** Whether {@code t} is the second occurrence of a local time repeated when the clock falls back. */
    boolean repeatedLocalTime(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        var offsets = zone.getRules().getValidOffsets(z.toLocalDateTime());
        return offsets.size() == 2 && z.getOffset().equals(offsets.get(1));
    }

    /** Position of the slot within its day. */
    int slotOfDay(int slot) {
        return slot % slotsPerDay;
    }

    private int minuteOfWeek(int slot) {
        return (slot * stepMinutes + phase) % MINUTES_PER_WEEK;
    }

    DayOfWeek day(int slot) {
        return DayOfWeek.of(minuteOfWeek(slot) / MINUTES_PER_DAY + 1);
    }

    int minuteOfDay(int slot) {
        return minuteOfWeek(slot) % MINUTES_PER_DAY;
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
