package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the bundled demo history (run {@code main} to rewrite {@code src/main/resources/demo/history}).
 * Deterministic: a fixed seed per service. Shapes are in each service's local time: a daily curve, a
 * quieter weekend, a slow upward trend, multiplicative noise, US Thanksgiving, a Tuesday 14:00 marketing
 * e-mail burst (checkout) and an incident gap of missing samples.
 */
public final class DemoHistoryGenerator {

    record Profile(ServiceKey key, ZoneId zone, double peak, double nightShare, double weekendShare,
                   double morningPeakHour, double eveningPeakHour, boolean emailBurst, boolean usHoliday,
                   Instant gapStart, int gapSteps, long seed) {
    }

    static final Profile[] PROFILES = {
        new Profile(ServiceKey.of("prod", "checkout"), ZoneId.of("America/New_York"), 900, 0.12, 0.72, 12.0, 19.5,
                true, true, Instant.parse("2026-11-12T18:00:00Z"), 30, 11),
        new Profile(ServiceKey.of("prod", "search"), ZoneId.of("Europe/Berlin"), 2400, 0.18, 0.55, 10.5, 15.0,
                false, false, Instant.parse("2026-11-19T08:30:00Z"), 18, 23),
        new Profile(ServiceKey.of("staging", "reports"), ZoneId.of("Asia/Tokyo"), 140, 0.05, 0.15, 9.5, 16.5,
                false, false, Instant.parse("2026-11-05T02:00:00Z"), 12, 37),
        new Profile(ServiceKey.of("prod", "catalog"), ZoneId.of("America/Chicago"), 520, 0.2, 0.8, 13.0, 20.5,
                false, true, Instant.parse("2026-11-21T12:00:00Z"), 24, 41),
        new Profile(ServiceKey.of("prod", "billing"), ZoneId.of("Europe/London"), 300, 0.08, 0.35, 9.0, 14.5,
                false, false, Instant.parse("2026-11-16T09:00:00Z"), 6, 53),
    };

    private DemoHistoryGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/demo/history");
        Files.createDirectories(dir);
        for (Profile p : PROFILES) {
            Path out = dir.resolve(p.key().environment().value() + "-" + p.key().service().value() + ".csv.gz");
            try (OutputStream os = Files.newOutputStream(out);
                 GZIPOutputStream gz = new GZIPOutputStream(os);
                 Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
                w.write(csv(p));
            }
        }
    }

    /** The CSV text of one profile: {@code timestamp,value}, Unix seconds, empty value = missing. */
    static String csv(Profile p) {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        Random rnd = new Random(p.seed());
        long step = DemoHistory.STEP.getSeconds();
        long start = DemoHistory.START.getEpochSecond();
        long end = DemoHistory.END.getEpochSecond();
        long gapStart = p.gapStart().getEpochSecond();
        long gapEnd = gapStart + p.gapSteps() * step;
        LocalDate thanksgiving = LocalDate.of(2026, 11, 26);
        for (long t = start; t < end; t += step) {
            double noise = Math.exp(0.06 * rnd.nextGaussian());
            sb.append(t).append(',');
            if (t >= gapStart && t < gapEnd) {
                sb.append('\n');
                continue;
            }
            ZonedDateTime local = Instant.ofEpochSecond(t).atZone(p.zone());
            double hour = local.getHour() + local.getMinute() / 60.0;
            double daily = p.nightShare() + (1 - p.nightShare())
                    * Math.max(bump(hour, p.morningPeakHour(), 2.8), 0.92 * bump(hour, p.eveningPeakHour(), 2.4));
            DayOfWeek dow = local.getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            double week = weekend ? p.weekendShare() : (dow == DayOfWeek.FRIDAY ? 0.93 : 1.0);
            double trend = 1 + 0.012 * (t - start) / (7 * 86400.0);
            double v = p.peak() * daily * week * trend * noise;
            if (p.usHoliday() && local.toLocalDate().equals(thanksgiving)) {
                v *= 0.55;
            }
            if (p.emailBurst() && dow == DayOfWeek.TUESDAY && hour >= 14 && hour < 15.5) {
                v *= 1 + 0.6 * Math.exp(-(hour - 14) * 2.2);
            }
            sb.append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
        return sb.toString();
    }

    private static double bump(double hour, double centre, double width) {
        double d = Math.abs(hour - centre);
        d = Math.min(d, 24 - d);
        return Math.exp(-0.5 * (d / width) * (d / width));
    }
}
