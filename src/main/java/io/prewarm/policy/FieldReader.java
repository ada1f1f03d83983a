package io.prewarm.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads typed values out of a raw YAML tree and records a {@link PolicyProblem} for every value that is
 * missing, of the wrong type or out of range, so that one pass reports every problem of a file.
 */
final class FieldReader {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d|w)");

    private final String file;
    private final List<PolicyProblem> problems;

    FieldReader(String file, List<PolicyProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    void problem(String field, String message) {
        problems.add(new PolicyProblem(file, field, message));
    }

    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Reports fields of {@code node} that are not in {@code known}. */
    void rejectUnknown(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = known.stream().filter(k -> k.equalsIgnoreCase(name) || editDistance(k, name) <= 2)
                        .sorted().findFirst().map(k -> " (did you mean '" + k + "'?)").orElse("");
                problem(join(path, name), "unknown field" + hint);
            }
        }
    }

    /** The object at {@code path}, or null (with a problem when required or not an object). */
    JsonNode object(JsonNode parent, String name, String path, boolean required) {
        return present(parent, name, path, required, JsonNode::isObject, "a mapping");
    }

    /**
     * The value at {@code path}, or null: when it is missing (a problem when required) or not of the
     * {@code expected} type (a problem naming the type and what was there).
     */
    private JsonNode present(JsonNode parent, String name, String path, boolean required, Predicate<JsonNode> type,
                             String expected) {
        JsonNode n = parent == null ? null : parent.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                problem(join(path, name), "is required");
            }
            return null;
        }
        if (!type.test(n)) {
            problem(join(path, name), "must be " + expected + ", got " + describe(n));
            return null;
        }
        return n;
    }

    Optional<String> text(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = present(parent, name, path, required, v -> v.isValueNode() && !v.isBoolean(), "a string");
        if (n == null) {
            return Optional.empty();
        }
        String field = join(path, name);
        String s = n.asText();
        if (s.isBlank()) {
            problem(field, "must not be empty");
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                problem(field, "contains a control character (code " + (int) c + ")");
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    Optional<Double> number(JsonNode parent, String name, String path, boolean required, double min, double max) {
        JsonNode n = present(parent, name, path, required, JsonNode::isNumber, "a number");
        if (n == null) {
            return Optional.empty();
        }
        String field = join(path, name);
        double v = n.asDouble();
        if (!Double.isFinite(v) || v < min || v > max) {
            if (min == Double.NEGATIVE_INFINITY) {
                problem(field, fmt(v) + " is above the maximum " + fmt(max));
                return Optional.empty();
            }
            problem(field, fmt(v) + " is out of range [" + fmt(min) + ", " + fmt(max) + "]");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** A number that must be greater than zero and at most {@code max}. */
    Optional<Double> positive(JsonNode parent, String name, String path, boolean required, double max) {
        Optional<Double> v = number(parent, name, path, required, Double.NEGATIVE_INFINITY, max);
        if (v.isPresent() && v.get() <= 0) {
            problem(join(path, name), fmt(v.get()) + " must be greater than 0");
            return Optional.empty();
        }
        return v;
    }

    Optional<Integer> integer(JsonNode parent, String name, String path, boolean required, int min, int max) {
        JsonNode n = present(parent, name, path, required, JsonNode::isIntegralNumber, "a whole number");
        if (n == null) {
            return Optional.empty();
        }
        long v = n.asLong();
        if (v < min || v > max) {
            problem(join(path, name), v + " is out of range [" + min + ", " + max + "]");
            return Optional.empty();
        }
        return Optional.of((int) v);
    }

    /**
     * One of the constants of {@code absent}'s enum, spelled in any case ({@code sum}, {@code Sum}); {@code absent}
     * when the field is missing or not a string, empty (with a problem listing the choices in lowercase) when it
     * is none of them.
     */
    <E extends Enum<E>> Optional<E> oneOf(JsonNode parent, String name, String path, E absent) {
        Optional<String> s = text(parent, name, path, false);
        if (s.isEmpty()) {
            return Optional.of(absent);
        }
        Class<E> type = absent.getDeclaringClass();
        try {
            return Optional.of(Enum.valueOf(type, s.get().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problem(join(path, name), "'" + s.get() + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
    }

    /** A duration written as Prometheus writes them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 28d}, {@code 1w}. */
    Optional<Duration> duration(JsonNode parent, String name, String path, Duration min, Duration max) {
        Optional<String> s = text(parent, name, path, false);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String field = join(path, name);
        Matcher m = DURATION.matcher(s.get().trim());
        if (!m.matches()) {
            problem(field, "'" + s.get() + "' is not a duration (use e.g. 30s, 5m, 1h, 28d)");
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(field, s.get() + " is out of range [" + format(min) + ", " + format(max) + "]");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    Optional<ZoneId> zone(JsonNode parent, String name, String path) {
        Optional<String> s = text(parent, name, path, false);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            ZoneId z = ZoneId.of(s.get());
            if (z instanceof ZoneOffset && !s.get().equals("UTC")) {
                problem(join(path, name), "'" + s.get() + "' is a fixed offset; use an IANA zone such as Europe/Berlin");
                return Optional.empty();
            }
            return Optional.of(z);
        } catch (DateTimeException e) {
            problem(join(path, name), "'" + s.get() + "' is not an IANA time zone (e.g. America/New_York)");
            return Optional.empty();
        }
    }

    List<LocalDate> dates(JsonNode parent, String name, String path) {
        JsonNode n = parent == null ? null : parent.get(name);
        String field = join(path, name);
        List<LocalDate> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(field, "must be a list of dates (YYYY-MM-DD), got " + describe(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String s = n.get(i).asText();
            try {
                out.add(LocalDate.parse(s));
            } catch (DateTimeException e) {
                problem(field + "[" + i + "]", "'" + s + "' is not a date (YYYY-MM-DD)");
            }
        }
        return out;
    }

    static String describe(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isBoolean()) {
            return "boolean " + n.asText();
        }
        if (n.isNumber()) {
            return "number " + n.asText();
        }
        return "'" + n.asText() + "'";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
