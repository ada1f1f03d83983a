package io.prewarm.forecast.smile;

import io.prewarm.metrics.TimeSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.Set;

/** Deterministic synthetic traffic: business-hours peak in local time, quiet weekends, seeded noise. */
final class Synthetic {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Duration FIVE_MIN = Duration.ofMinutes(5);

    private Synthetic() {
    }

    /** Expected demand at an instant: peak 09:00-17:00 local on weekdays, weekends at 40%. */
    static double demand(Instant t, ZoneId zone, Set<LocalDate> holidays) {
        ZonedDateTime z = t.atZone(zone);
        double hour = z.getHour() + z.getMinute() / 60.0;
        double day = 100 + 300 * Math.exp(-Math.pow((hour - 12.5) / 3.0, 2));
        if (hour >= 9 && hour < 10) {
            day += 400; // the morning rush: a sharp peak at 09:00 local time
        }
        boolean weekend = z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY;
        return weekend || holidays.contains(z.toLocalDate()) ? 0.4 * day : day;
    }

    static TimeSeries series(Instant start, int days, ZoneId zone, Set<LocalDate> holidays, long seed) {
        int n = days * 288;
        double[] v = new double[n];
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            Instant t = start.plus(FIVE_MIN.multipliedBy(i));
            v[i] = demand(t, zone, holidays) * (1 + 0.05 * rnd.nextGaussian());
        }
        return new TimeSeries(start, FIVE_MIN, v);
    }
}
