package io.prewarm.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a merged plan put in place for one service, committed beside its Terraform as
 * {@code plans/<env>/<service>.json}: the limits, the scheduled actions and what they add up to (the
 * scheduled floor per hour of the week, its peak, its cost in instance-hours). Everything in it derives
 * from the limits and the actions, which is exactly what the Terraform encodes, so a re-run whose
 * Terraform is unchanged writes byte-identical text (no run time, no forecast numbers). The next run
 * reads it from the base branch to show reviewers "current versus proposed" and to decide whether a new
 * plan differs enough to be proposed at all ({@link ChurnControl}).
 *
 * @param key       environment and service
 * @param zone      time zone of the schedules and of {@code hourly}
 * @param min       floor in force
 * @param max       effective ceiling (policy maximum lowered to the safety cap)
 * @param policyMax the policy's maximum
 * @param actions   the scheduled actions, sorted by name
 * @param hourly    derived: mean scheduled floor per hour of the week, 168 values from Monday 00:00 in {@code zone}
 * @param peakCapacity derived: the highest scheduled floor, weekly or one-off
 * @param peakWhen  derived: when the weekly peak starts ({@code Mon 08:30}), or a higher one-off's local time
 */
public record PlanSnapshot(ServiceKey key, ZoneId zone, int min, int max, int policyMax, List<Action> actions,
                           List<Double> hourly, int peakCapacity, String peakWhen) {
    public static final int HOURS_PER_WEEK = 168;
    private static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    public PlanSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(peakWhen, "peakWhen");
        actions = actions.stream().sorted(java.util.Comparator.comparing(Action::name)).toList();
        hourly = List.copyOf(hourly);
        if (hourly.size() != HOURS_PER_WEEK) {
            throw new IllegalArgumentException("plan snapshot of " + key + " needs " + HOURS_PER_WEEK
                    + " hourly values, got " + hourly.size());
        }
    }

    /** A snapshot of limits and actions, with the weekly floor, its peak and when it starts worked out. */
    public static PlanSnapshot of(ServiceKey key, ZoneId zone, int min, int max, int policyMax, List<Action> actions) {
        int[] floor = floorPerMinute(min, actions);
        int peak = peakCapacity(min, floor, actions);
        return new PlanSnapshot(key, zone, min, max, policyMax, actions, hourly(floor), peak, peakWhen(peak, floor, actions));
    }

    /**
     * One scheduled action, flattened for comparison.
     *
     * @param when the cron expression, or the one-off local time ({@code yyyy-MM-dd HH:mm} in the zone)
     */
    public record Action(String name, String when, int min, int max, int desired, ReasonCode reason) {
        public Action {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(reason, "reason");
        }

        static Action of(ScalingAction a) {
            String when = a.cron().orElseGet(() -> LOCAL.format(a.at().orElseThrow().atZone(a.zone())));
            return new Action(a.name(), when, a.min(), a.max(), a.desired(), a.reason());
        }
    }

    /** Repository-relative path of a service's snapshot. */
    public static String path(ServiceKey key) {
        return "plans/" + key.environment().value() + "/" + key.service().value() + ".json";
    }

    /** The snapshot of a plan. */
    public static PlanSnapshot of(CapacityPlan plan) {
        CapacityPlan.Limits l = plan.limits();
        return of(plan.key(), plan.zone(), l.min(), l.max(), l.policyMax(),
                plan.actions().stream().map(Action::of).toList());
    }

    /**
     * The scheduled floor per minute of the week: the {@code min} of the weekly action that fired last
     * (wrapping around the week), never below the policy minimum. One-off actions and crons bound to dates
     * are exceptions, not the weekly shape, and are left out.
     */
    static int[] floorPerMinute(int min, List<Action> actions) {
        int[] setAt = new int[WeeklyCron.MINUTES_PER_WEEK];
        java.util.Arrays.fill(setAt, -1);
        for (Action a : actions) {
            if (a.when().contains(":")) {
                continue; // one-off
            }
            java.util.BitSet fires = WeeklyCron.firings(a.when()).orElse(new java.util.BitSet());
            for (int m = fires.nextSetBit(0); m >= 0; m = fires.nextSetBit(m + 1)) {
                setAt[m] = Math.max(setAt[m], a.min()); // simultaneous actions: the larger floor wins
            }
        }
        int last = min;
        for (int m = WeeklyCron.MINUTES_PER_WEEK - 1; m >= 0; m--) {
            if (setAt[m] >= 0) {
                last = setAt[m]; // the week's last action carries over into Monday 00:00
                break;
            }
        }
        int[] floor = new int[WeeklyCron.MINUTES_PER_WEEK];
        for (int m = 0; m < floor.length; m++) {
            if (setAt[m] >= 0) {
                last = setAt[m];
            }
            floor[m] = Math.max(min, last);
        }
        return floor;
    }

    private static List<Double> hourly(int[] floor) {
        List<Double> out = new ArrayList<>(HOURS_PER_WEEK);
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            double sum = 0;
            for (int m = h * 60; m < h * 60 + 60; m++) {
                sum += floor[m];
            }
            out.add(round2(sum / 60));
        }
        return out;
    }

    private static int peakCapacity(int min, int[] floor, List<Action> actions) {
        int peak = min;
        for (int f : floor) {
            peak = Math.max(peak, f);
        }
        for (Action a : actions) {
            if (a.when().contains(":")) {
                peak = Math.max(peak, a.min());
            }
        }
        return peak;
    }

    private static String peakWhen(int peak, int[] floor, List<Action> actions) {
        for (int m = 0; m < floor.length; m++) {
            if (floor[m] == peak && floor[(m + floor.length - 1) % floor.length] != peak) {
                return String.format(Locale.ROOT, "%s %02d:%02d", DAYS[m / 1440], (m % 1440) / 60, m % 60);
            }
        }
        return actions.stream().filter(a -> a.when().contains(":") && a.min() == peak).map(Action::when).findFirst()
                .orElse("all week");
    }

    /** Hour of the week in {@code zone}: 0 is Monday 00:00-00:59, 167 is Sunday 23:00-23:59. */
    public static int hourOfWeek(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
    }

    /** Mean scheduled floor at an instant, by its hour of the week (the schedule repeats weekly). */
    public double capacityAt(Instant t) {
        return hourly.get(hourOfWeek(t, zone));
    }

    /** Instance-hours the schedule costs per week. */
    public double instanceHoursPerWeek() {
        return round2(hourly.stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The snapshot read from the base branch of {@code workspace}, if the service has one. */
    public static Optional<PlanSnapshot> read(GitWorkspace workspace, ServiceKey key) {
        return workspace.read(path(key)).map(text -> parse(text, path(key)));
    }

    static PlanSnapshot parse(String text, String name) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.path("schema").asInt() != SCHEMA) {
                throw new GitOpsException("reading " + name + ": unknown schema " + n.path("schema"));
            }
            String[] key = n.path("service").asText().split("/", 2);
            List<Action> actions = new ArrayList<>();
            for (JsonNode a : n.path("actions")) {
                actions.add(new Action(a.path("name").asText(), a.path("when").asText(), a.path("min").asInt(),
                        a.path("max").asInt(), a.path("desired").asInt(), ReasonCode.valueOf(a.path("reason").asText())));
            }
            return of(ServiceKey.of(key[0], key.length > 1 ? key[1] : ""), ZoneId.of(n.path("zone").asText()),
                    n.path("min").asInt(), n.path("max").asInt(), n.path("policyMax").asInt(), actions);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof GitOpsException g) {
                throw g;
            }
            throw new GitOpsException("reading " + name + ": " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /**
     * Deterministic JSON: fixed key order, one action per line and the hourly values one day per line,
     * so a reviewer's diff shows which days changed.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"schema\": ").append(SCHEMA).append(",\n");
        b.append("  \"service\": ").append(q(key.path())).append(",\n");
        b.append("  \"zone\": ").append(q(zone.getId())).append(",\n");
        b.append("  \"min\": ").append(min).append(", \"max\": ").append(max).append(", \"policyMax\": ")
                .append(policyMax).append(",\n");
        b.append("  \"peak\": {\"capacity\": ").append(peakCapacity).append(", \"from\": ").append(q(peakWhen))
                .append("},\n");
        b.append("  \"instanceHoursPerWeek\": ").append(num(instanceHoursPerWeek())).append(",\n");
        b.append("  \"actions\": [");
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(q(a.name())).append(", \"when\": ")
                    .append(q(a.when())).append(", \"min\": ").append(a.min()).append(", \"max\": ").append(a.max())
                    .append(", \"desired\": ").append(a.desired()).append(", \"reason\": ").append(q(a.reason().name()))
                    .append('}');
        }
        b.append(actions.isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"_hourly\": \"scheduled floor per hour of the week from Monday 00:00, derived from actions\",\n");
        b.append("  \"hourly\": [");
        for (int d = 0; d < 7; d++) {
            b.append(d == 0 ? "\n    " : ",\n    ");
            for (int h = 0; h < 24; h++) {
                b.append(h == 0 ? "" : ", ").append(num(hourly.get(d * 24 + h)));
            }
        }
        b.append("\n  ]\n}\n");
        return b.toString();
    }

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String num(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
