package io.prewarm.backtest;

import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A what-if: changes to a policy written {@code key=value,key=value}, for example
 * {@code headroom=0.3,prewarmLead=15m}. Keys: {@code headroom}, {@code perInstance}, {@code min},
 * {@code max}, {@code prewarmLead}, {@code scaleUpMinPercent}, {@code scaleDownMaxPercent},
 * {@code scaleDownCooldown}, {@code backoffMax}, {@code backoffReset}, {@code safetyCapFactor},
 * {@code scheduleFor} ({@code forecast} or {@code upper}).
 * Durations are {@code 30s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601.
 *
 * @param changes the changes, in the order given
 */
public record PolicyVariant(Map<String, String> changes) {
    static final List<String> KEYS = List.of("headroom", "perInstance", "min", "max", "prewarmLead",
            "scaleUpMinPercent", "scaleDownMaxPercent", "scaleDownCooldown", "backoffMax", "backoffReset",
            "safetyCapFactor", "scheduleFor");

    public PolicyVariant {
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** Parses {@code key=value,...}; every problem is reported at once. */
    public static PolicyVariant parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, String> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                problems.add("'" + p + "' is not key=value");
                continue;
            }
            String key = p.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                problems.add("unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
                continue;
            }
            out.put(key, p.substring(eq + 1).trim());
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("no change given");
        }
        PolicyVariant v = new PolicyVariant(out);
        if (problems.isEmpty()) {
            try {
                v.values();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("parsing what-if '" + spec + "': " + String.join("; ", problems));
        }
        return v;
    }

    /** The changes as written, for output. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        changes.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    private Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            Object value = switch (k) {
                case "headroom", "perInstance", "safetyCapFactor" -> number(k, v);
                case "min", "max", "scaleUpMinPercent", "scaleDownMaxPercent" -> integer(k, v);
                case "scheduleFor" -> scheduleFor(v);
                default -> duration(k, v);
            };
            out.put(k, value);
        }
        return out;
    }

    /** The policy with the changes applied. */
    public ServicePolicy apply(ServicePolicy p) {
        Map<String, Object> v = values();
        ServicePolicy.Capacity c = p.capacity();
        ServicePolicy.Rules r = p.rules();
        Optional<Double> perInstance = v.containsKey("perInstance") ? Optional.of((Double) v.get("perInstance"))
                : c.perInstance();
        ServicePolicy.Capacity capacity = new ServicePolicy.Capacity(perInstance,
                (Double) v.getOrDefault("headroom", c.headroom()), (Integer) v.getOrDefault("min", c.min()),
                (Integer) v.getOrDefault("max", c.max()),
                (ServicePolicy.ScheduleFor) v.getOrDefault("scheduleFor", c.scheduleFor()));
        ServicePolicy.Rules rules = new ServicePolicy.Rules((Duration) v.getOrDefault("prewarmLead", r.prewarmLead()),
                (Integer) v.getOrDefault("scaleUpMinPercent", r.scaleUpMinPercent()),
                (Integer) v.getOrDefault("scaleDownMaxPercent", r.scaleDownMaxPercent()),
                (Duration) v.getOrDefault("scaleDownCooldown", r.scaleDownCooldown()),
                (Duration) v.getOrDefault("backoffMax", r.backoffMax()),
                (Duration) v.getOrDefault("backoffReset", r.backoffReset()),
                (Double) v.getOrDefault("safetyCapFactor", r.safetyCapFactor()));
        if (capacity.max() < capacity.min()) {
            throw new IllegalArgumentException("applying what-if to " + p.key() + ": max " + capacity.max()
                    + " is below min " + capacity.min());
        }
        return new ServicePolicy(p.source(), p.key(), p.target(), p.demand(), capacity, rules, p.zone(), p.holidays(),
                p.instanceSizes(), p.indicators());
    }

    private static double number(String k, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0 || (!k.equals("headroom") && d == 0)) {
                throw new IllegalArgumentException(k + ": " + v + " is out of range");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": '" + v + "' is not a number");
        }
    }

    private static ServicePolicy.ScheduleFor scheduleFor(String v) {
        for (ServicePolicy.ScheduleFor s : ServicePolicy.ScheduleFor.values()) {
            if (s.id().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scheduleFor: '" + v + "' is not one of forecast, upper");
    }

    private static int integer(String k, String v) {
        try {
            int i = Integer.parseInt(v);
            boolean percent = k.endsWith("Percent");
            if (i < 0 || percent && (i > 100 || k.startsWith("scaleUp") && i < 1)) {
                throw new IllegalArgumentException(k + ": " + v + " is out of range");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": '" + v + "' is not an integer");
        }
    }

    /** A duration written {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT15M}. */
    public static Duration parseDuration(String text) {
        return duration("duration", text);
    }

    static Duration duration(String k, String v) {
        try {
            String s = v.toLowerCase(Locale.ROOT);
            Duration d;
            if (s.startsWith("p")) {
                d = Duration.parse(v);
            } else {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(k + ": " + v + " is negative");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(k + ": '" + v + "' is not a duration such as 15m");
        }
    }
}
