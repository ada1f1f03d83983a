package io.prewarm.forecast.smile;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * Calendar features for every index of history followed by the forecast: slot of the day, slot of
 * the week (day of week times slots per day, i.e. the hour-of-day x day-of-week interaction), hour of
 * day and a holiday flag. With a zone the slots follow the local wall clock, so a 09:00 peak stays at
 * 09:00 across a daylight-saving change; a holiday takes Sunday's slots, because holiday traffic looks
 * like a Sunday. Without a zone (benchmarks such as M4) slots are the absolute grid position modulo
 * the periods.
 */
final class Grid {
    final int length;
    final int slotsPerDay;
    final int slotsPerWeek;
    final int[] daySlot;
    final int[] weekSlot;
    final int[] hourOfDay;
    final boolean[] holiday;
    /** Number of samples per hour (at least 1): the width of the pre-smoothing window. */
    final int perHour;

    private Grid(int length, int slotsPerDay, int slotsPerWeek, int perHour) {
        this.length = length;
        this.slotsPerDay = slotsPerDay;
        this.slotsPerWeek = slotsPerWeek;
        this.perHour = perHour;
        this.daySlot = new int[length];
        this.weekSlot = new int[length];
        this.hourOfDay = new int[length];
        this.holiday = new boolean[length];
    }

    static Grid build(Instant start, Duration step, int length, Optional<ZoneId> zone, Set<LocalDate> holidays) {
        long stepSec = step.getSeconds();
        if (stepSec <= 0) {
            throw new IllegalArgumentException("building calendar features: step below one second: " + step);
        }
        int perDay = (int) Math.max(1, 86400 / stepSec);
        int perHour = (int) Math.max(1, 3600 / stepSec);
        boolean weekly = stepSec <= 86400 && 86400 % stepSec == 0;
        Grid g = new Grid(length, perDay, weekly ? perDay * 7 : perDay, perHour);
        if (zone.isEmpty()) {
            long base = Math.floorDiv(start.getEpochSecond(), stepSec);
            for (int i = 0; i < length; i++) {
                long abs = base + i;
                g.daySlot[i] = (int) Math.floorMod(abs, (long) perDay);
                g.weekSlot[i] = (int) Math.floorMod(abs, (long) g.slotsPerWeek);
                g.hourOfDay[i] = (int) Math.min(23, (long) g.daySlot[i] * stepSec / 3600);
            }
            return g;
        }
        ZoneId z = zone.get();
        for (int i = 0; i < length; i++) {
            ZonedDateTime t = start.plusSeconds(stepSec * i).atZone(z);
            int sec = t.toLocalTime().toSecondOfDay();
            int ds = (int) Math.min(perDay - 1, sec / stepSec);
            boolean hol = holidays.contains(t.toLocalDate());
            DayOfWeek dow = hol ? DayOfWeek.SUNDAY : t.getDayOfWeek();
            g.daySlot[i] = ds;
            g.weekSlot[i] = weekly ? (dow.getValue() - 1) * perDay + ds : ds;
            g.hourOfDay[i] = t.getHour();
            g.holiday[i] = hol;
        }
        return g;
    }

    /** Slots per week when the grid has a weekly cycle, else per day. */
    int period(boolean week) {
        return week ? slotsPerWeek : slotsPerDay;
    }

    int[] slots(boolean week) {
        return week ? weekSlot : daySlot;
    }
}
