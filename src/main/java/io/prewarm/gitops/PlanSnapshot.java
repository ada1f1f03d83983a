package io.prewarm.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanStep;
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
 * {@code plans/<env>/<service>.json}: limits, the schedule, the peak and the capacity per hour of the week.
 * The next run reads it from the base branch to show reviewers "current versus proposed" and to decide
 * whether a new plan differs enough to be proposed at all ({@link ChurnControl}). It holds no run time, so
 * an unchanged plan writes byte-identical text.
 *
 * @param key          environment and service
 * @param zone         time zone of the schedules and of {@code hourly}
 * @param min          floor in force
 * @param max          effective ceiling (policy maximum lowered to the safety cap)
 * @param policyMax    the policy's maximum
 * @param safetyCap    the safety cap in instances
 * @param peakCapacity the largest planned capacity
 * @param peakAt       when it is first reached
 * @param peakDemand   the largest upper forecast of demand over the horizon
 * @param actions      the scheduled actions, sorted by name
 * @param hourly       mean planned capacity per hour of the week, 168 values from Monday 00:00 in {@code zone}
 */
public record PlanSnapshot(ServiceKey key, ZoneId zone, int min, int max, int policyMax, int safetyCap,
                           int peakCapacity, Instant peakAt, double peakDemand, List<Action> actions,
                           List<Double> hourly) {
    public static final int HOURS_PER_WEEK = 168;
    private static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public PlanSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(peakAt, "peakAt");
        actions = List.copyOf(actions);
        hourly = List.copyOf(hourly);
        if (hourly.size() != HOURS_PER_WEEK) {
            throw new IllegalArgumentException("plan snapshot of " + key + " needs " + HOURS_PER_WEEK
                    + " hourly values, got " + hourly.size());
        }
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
        double[] sum = new double[HOURS_PER_WEEK];
        int[] n = new int[HOURS_PER_WEEK];
        PlanStep peak = null;
        double peakDemand = 0;
        for (PlanStep s : plan.timeline()) {
            peakDemand = Math.max(peakDemand, s.demand());
            int h = hourOfWeek(s.time(), plan.zone());
            sum[h] += s.capacity();
            n[h]++;
            if (peak == null || s.capacity() > peak.capacity()) {
                peak = s;
            }
        }
        List<Double> hourly = new ArrayList<>(HOURS_PER_WEEK);
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            hourly.add(n[h] == 0 ? plan.limits().min() : round2(sum[h] / n[h]));
        }
        List<Action> actions = plan.actions().stream().map(Action::of)
                .sorted(java.util.Comparator.comparing(Action::name)).toList();
        CapacityPlan.Limits l = plan.limits();
        return new PlanSnapshot(plan.key(), plan.zone(), l.min(), l.max(), l.policyMax(), l.safetyCap(),
                peak == null ? l.min() : peak.capacity(), peak == null ? Instant.EPOCH : peak.time(),
                round2(peakDemand), actions, hourly);
    }

    /** Hour of the week in {@code zone}: 0 is Monday 00:00-00:59, 167 is Sunday 23:00-23:59. */
    public static int hourOfWeek(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
    }

    /** Mean capacity at an instant, by its hour of the week (the schedule repeats weekly). */
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
            List<Double> hourly = new ArrayList<>();
            n.path("hourly").forEach(v -> hourly.add(v.asDouble()));
            JsonNode peak = n.path("peak");
            return new PlanSnapshot(ServiceKey.of(key[0], key.length > 1 ? key[1] : ""), ZoneId.of(n.path("zone").asText()),
                    n.path("min").asInt(), n.path("max").asInt(), n.path("policyMax").asInt(), n.path("safetyCap").asInt(),
                    peak.path("capacity").asInt(), Instant.parse(peak.path("at").asText()), peak.path("demand").asDouble(),
                    actions, hourly);
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
                .append(policyMax).append(", \"safetyCap\": ").append(safetyCap).append(",\n");
        b.append("  \"peak\": {\"capacity\": ").append(peakCapacity).append(", \"at\": ").append(q(peakAt.toString()))
                .append(", \"demand\": ").append(num(peakDemand)).append("},\n");
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
