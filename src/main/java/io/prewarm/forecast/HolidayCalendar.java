package io.prewarm.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Public holidays of one country, computed by rule (so no table goes stale), plus a policy's own extra
 * dates. Holidays matter to demand because traffic on a holiday looks like a Sunday, not like the
 * weekday it falls on.
 *
 * <p>Built in: {@code US} (federal), {@code GB} (England and Wales bank holidays), {@code DE}
 * (nationwide), {@code FR}, {@code JP} (national, with substitute holidays), and {@code none}.
 * Observed-date shifts apply where the country observes them (US, GB, JP). One-off holidays decreed
 * for a single year (royal events) are not included: add them as extra dates.
 */
public final class HolidayCalendar {

    /** Country codes with a built-in calendar ({@code none} = no public holidays). */
    public static final List<String> COUNTRIES = List.of("none", "US", "GB", "DE", "FR", "JP");

    private final String country;
    private final Set<LocalDate> extra;

    private HolidayCalendar(String country, Set<LocalDate> extra) {
        this.country = country;
        this.extra = Set.copyOf(extra);
    }

    /**
     * @param country ISO 3166 alpha-2 code (case-insensitive) or {@code none}
     * @param extra   dates that behave like holidays for this service (company events, known peaks off)
     * @throws IllegalArgumentException naming the country when it has no built-in calendar
     */
    public static HolidayCalendar of(String country, Set<LocalDate> extra) {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(extra, "extra");
        String code = normalize(country);
        if (code == null) {
            throw new IllegalArgumentException("reading holiday calendar: unknown country '" + country
                    + "', known: " + String.join(", ", COUNTRIES));
        }
        return new HolidayCalendar(code, extra);
    }

    /** A calendar with only the given dates. */
    public static HolidayCalendar none(Set<LocalDate> extra) {
        return new HolidayCalendar("none", extra);
    }

    /** Whether {@link #of} accepts this code; for the policy validator. */
    public static boolean isKnownCountry(String country) {
        return country != null && normalize(country) != null;
    }

    private static String normalize(String country) {
        String c = country.trim();
        if (c.equalsIgnoreCase("none")) {
            return "none";
        }
        String up = c.toUpperCase(Locale.ROOT);
        if (up.equals("UK")) {
            up = "GB";
        }
        return COUNTRIES.contains(up) ? up : null;
    }

    public String country() {
        return country;
    }

    /** Holidays (built-in and extra) in {@code [from, to]}, both inclusive, sorted. */
    public Set<LocalDate> between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("listing holidays: " + to + " is before " + from);
        }
        TreeSet<LocalDate> out = new TreeSet<>();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            for (LocalDate d : builtIn(y)) {
                if (!d.isBefore(from) && !d.isAfter(to)) {
                    out.add(d);
                }
            }
        }
        for (LocalDate d : extra) {
            if (!d.isBefore(from) && !d.isAfter(to)) {
                out.add(d);
            }
        }
        return out;
    }

    public boolean isHoliday(LocalDate date) {
        return extra.contains(date) || builtIn(date.getYear()).contains(date);
    }

    private List<LocalDate> builtIn(int year) {
        return switch (country) {
            case "US" -> us(year);
            case "GB" -> gb(year);
            case "DE" -> de(year);
            case "FR" -> fr(year);
            case "JP" -> JapaneseHolidays.of(year);
            default -> List.of();
        };
    }

    /** Federal holidays (5 U.S.C. 6103), Saturday observed Friday, Sunday observed Monday. */
    private static List<LocalDate> us(int y) {
        List<LocalDate> d = new ArrayList<>();
        d.add(usObserved(LocalDate.of(y, 1, 1)));
        d.add(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3));
        d.add(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        d.add(LocalDate.of(y, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (y >= 2021) {
            d.add(usObserved(LocalDate.of(y, 6, 19)));
        }
        d.add(usObserved(LocalDate.of(y, 7, 4)));
        d.add(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        d.add(nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        d.add(usObserved(LocalDate.of(y, 11, 11)));
        d.add(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        d.add(usObserved(LocalDate.of(y, 12, 25)));
        return d;
    }

    private static LocalDate usObserved(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case SATURDAY -> d.minusDays(1);
            case SUNDAY -> d.plusDays(1);
            default -> d;
        };
    }

    /** England and Wales bank holidays: weekend holidays move to the next free weekday. */
    private static List<LocalDate> gb(int y) {
        List<LocalDate> d = new ArrayList<>();
        d.add(nextWeekday(LocalDate.of(y, 1, 1)));
        LocalDate easter = easterSunday(y);
        d.add(easter.minusDays(2));
        d.add(easter.plusDays(1));
        d.add(nth(y, Month.MAY, DayOfWeek.MONDAY, 1));
        d.add(LocalDate.of(y, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        d.add(LocalDate.of(y, 8, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        LocalDate xmas = nextWeekday(LocalDate.of(y, 12, 25));
        LocalDate boxing = nextWeekday(LocalDate.of(y, 12, 26));
        if (!boxing.isAfter(xmas)) {
            boxing = nextWeekday(xmas.plusDays(1));
        }
        d.add(xmas);
        d.add(boxing);
        return d;
    }

    private static LocalDate nextWeekday(LocalDate d) {
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Nationwide German holidays (regional ones are left to the policy's extra dates). */
    private static List<LocalDate> de(int y) {
        LocalDate easter = easterSunday(y);
        return List.of(LocalDate.of(y, 1, 1), easter.minusDays(2), easter.plusDays(1), LocalDate.of(y, 5, 1),
                easter.plusDays(39), easter.plusDays(50), LocalDate.of(y, 10, 3), LocalDate.of(y, 12, 25),
                LocalDate.of(y, 12, 26));
    }

    private static List<LocalDate> fr(int y) {
        LocalDate easter = easterSunday(y);
        return List.of(LocalDate.of(y, 1, 1), easter.plusDays(1), LocalDate.of(y, 5, 1), LocalDate.of(y, 5, 8),
                easter.plusDays(39), easter.plusDays(50), LocalDate.of(y, 7, 14), LocalDate.of(y, 8, 15),
                LocalDate.of(y, 11, 1), LocalDate.of(y, 11, 11), LocalDate.of(y, 12, 25));
    }

    static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }
}
