package io.prewarm.render.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A five-field cron whose day-of-month and month are {@code *}: the weekly schedules that every
 * target can express. Fields take numbers, {@code *}, ranges, steps and lists; day-of-week takes 0-7
 * (0 and 7 are Sunday) or three-letter names.
 *
 * @param minutes minutes of the hour it fires at, ascending
 * @param hours   hours of the day, ascending
 * @param days    days of the week
 */
public record WeeklyCron(List<Integer> minutes, List<Integer> hours, Set<DayOfWeek> days) {
    private static final Map<String, Integer> DAY_NAMES = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3,
            "THU", 4, "FRI", 5, "SAT", 6);

    public WeeklyCron {
        minutes = List.copyOf(minutes);
        hours = List.copyOf(hours);
        days = Set.copyOf(days);
    }

    /** Parses {@code expression}; {@code context} prefixes errors ("rendering prod/web: action x"). */
    public static WeeklyCron parse(String expression, String context) {
        String[] f = expression.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException(context + ": cron '" + expression + "' does not have 5 fields");
        }
        if (!f[2].equals("*") || !f[3].equals("*")) {
            throw new IllegalArgumentException(context + ": cron '" + expression
                    + "' restricts day of month or month; only weekly schedules can be rendered for this target");
        }
        List<Integer> minutes = List.copyOf(field(f[0], 0, 59, Map.of(), expression, context));
        List<Integer> hours = List.copyOf(field(f[1], 0, 23, Map.of(), expression, context));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d : field(f[4].toUpperCase(Locale.ROOT), 0, 7, DAY_NAMES, expression, context)) {
            days.add(d == 0 || d == 7 ? DayOfWeek.SUNDAY : DayOfWeek.of(d));
        }
        return new WeeklyCron(minutes, hours, days);
    }

    private static TreeSet<Integer> field(String field, int lo, int hi, Map<String, Integer> names, String expr,
                                          String context) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), Map.of(), expr, context);
                range = part.substring(0, slash);
                if (step <= 0) {
                    throw new IllegalArgumentException(context + ": cron '" + expr + "' has step " + step);
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = lo;
                to = hi;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                from = number(ab[0], names, expr, context);
                to = number(ab[1], names, expr, context);
            } else {
                from = number(range, names, expr, context);
                to = slash >= 0 ? hi : from;
            }
            if (from < lo || to > hi || from > to) {
                throw new IllegalArgumentException(context + ": cron '" + expr + "' has '" + part
                        + "' outside " + lo + "-" + hi);
            }
            for (int v = from; v <= to; v += step) {
                values.add(v);
            }
        }
        return values;
    }

    private static int number(String s, Map<String, Integer> names, String expr, String context) {
        Integer named = names.get(s);
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(context + ": cron '" + expr + "' has '" + s + "', not a number");
        }
    }

    /** Minutes after Monday 00:00 at which it fires, ascending. */
    public List<Integer> minutesOfWeek() {
        List<Integer> out = new ArrayList<>();
        for (DayOfWeek d : days) {
            for (int h : hours) {
                for (int m : minutes) {
                    out.add((d.getValue() - 1) * 1440 + h * 60 + m);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** A cron day-of-week field for the days ({@code 1-5}, {@code 0,6}), Sunday as 0. */
    public static String dayField(Set<DayOfWeek> days) {
        TreeSet<Integer> n = new TreeSet<>();
        days.forEach(d -> n.add(d.getValue() % 7));
        if (n.size() == 7) {
            return "*";
        }
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int v : n) {
            if (start == null) {
                start = v;
            } else if (v != prev + 1) {
                parts.add(span(start, prev));
                start = v;
            }
            prev = v;
        }
        parts.add(span(start, prev));
        return String.join(",", parts);
    }

    private static String span(int a, int b) {
        return a == b ? Integer.toString(a) : b == a + 1 ? a + "," + b : a + "-" + b;
    }
}
