package io.prewarm.emergency;

import com.fasterxml.jackson.databind.JsonNode;

import io.prewarm.common.ServiceKey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns Alertmanager alerts (webhook payload version 4) into actions. The first configured rule (by name)
 * whose alertname and labels match decides; otherwise an alert whose labels carry {@code service},
 * {@code environment} and {@code prewarm_action} ({@code scale-up} or {@code freeze}) acts by itself, as the
 * alert rules prewarm generates do. A resolved notification ends only what the same alert's firing started
 * (by default: a freeze is lifted, a scale-up runs out its time to live).
 */
final class AlertMapper {
    private final Map<String, EmergencyConfig.Rule> rules;
    private final EmergencyConfig config;

    AlertMapper(EmergencyConfig config) {
        this.config = config;
        this.rules = new TreeMap<>(config.rules());
        this.rules.forEach((name, r) -> {
            if (!r.action().equals("scale-up") && !r.action().equals("freeze")) {
                throw new IllegalArgumentException("prewarm.emergency.rules." + name + ".action: '" + r.action()
                        + "' is not scale-up or freeze");
            }
            r.onResolved().filter(o -> !o.equals("end") && !o.equals("ignore")).ifPresent(o -> {
                throw new IllegalArgumentException("prewarm.emergency.rules." + name + ".on-resolved: '" + o
                        + "' is not end or ignore");
            });
        });
    }

    /** One alert of a notification. */
    record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                 String fingerprint) {
        String idempotencyKey(String forStatus) {
            return "alert/" + fingerprint + "/" + forStatus + "/" + startsAt;
        }
    }

    /** The result of mapping: an action, or why the alert is ignored. */
    record Mapped(Optional<Action> action, String note) {
        static Mapped ignore(String why) {
            return new Mapped(Optional.empty(), why);
        }
    }

    static Alert alert(JsonNode a, int i) {
        String where = "alerts[" + i + "].";
        String status = a.path("status").asText("");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw ApiException.invalid(where + "status", "must be firing or resolved");
        }
        String fp = a.path("fingerprint").asText("");
        if (!fp.matches("[0-9a-zA-Z]{1,64}")) {
            throw ApiException.invalid(where + "fingerprint", "required: 1-64 letters and digits");
        }
        return new Alert(status, strings(a.path("labels"), where + "labels"), strings(a.path("annotations"),
                where + "annotations"), a.path("startsAt").asText(""), fp);
    }

    private static Map<String, String> strings(JsonNode n, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw ApiException.invalid(field, "must be an object of strings");
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * @param alert        the alert
     * @param caller       who sent the notification
     * @param firingAction the action id a firing notification with this key took, if any
     */
    Mapped map(Alert alert, Caller caller, Function<String, Optional<String>> firingAction) {
        Optional<Map.Entry<String, EmergencyConfig.Rule>> rule = rules.entrySet().stream()
                .filter(e -> matches(e.getValue(), alert.labels())).findFirst();
        String kind;
        String service;
        String environment;
        Optional<String> step;
        Optional<Duration> ttl;
        boolean endOnResolved;
        String source;
        if (rule.isPresent()) {
            EmergencyConfig.Rule r = rule.get().getValue();
            kind = r.action();
            service = r.service().orElse(alert.labels().get("service"));
            environment = r.environment().orElse(alert.labels().get("environment"));
            step = r.step();
            ttl = r.ttl();
            endOnResolved = r.onResolved().map("end"::equals).orElse(kind.equals("freeze"));
            source = "rule " + rule.get().getKey();
        } else if (alert.labels().containsKey("prewarm_action")) {
            kind = alert.labels().get("prewarm_action");
            if (!kind.equals("scale-up") && !kind.equals("freeze")) {
                return Mapped.ignore("label prewarm_action='" + Action.clip(kind) + "' is not scale-up or freeze");
            }
            service = alert.labels().get("service");
            environment = alert.labels().get("environment");
            step = Optional.ofNullable(alert.labels().get("prewarm_step"));
            ttl = Optional.ofNullable(alert.labels().get("prewarm_ttl"))
                    .map(t -> Requests.duration(t, "labels.prewarm_ttl", config.maxTtl()));
            endOnResolved = Optional.ofNullable(alert.labels().get("prewarm_on_resolved")).map("end"::equals)
                    .orElse(kind.equals("freeze"));
            source = "labels";
        } else {
            return Mapped.ignore("no rule matches and the alert has no prewarm_action label");
        }
        ServiceKey key = Requests.key(environment, service);
        String name = alert.labels().getOrDefault("alertname", "alert");
        String actor = caller.name() + " (alertmanager " + Action.clip(name) + ")";
        if (alert.status().equals("resolved")) {
            if (!endOnResolved) {
                return Mapped.ignore("resolved: " + source + " keeps the " + kind + " until it expires");
            }
            Optional<String> started = firingAction.apply(alert.idempotencyKey("firing"));
            if (started.isEmpty()) {
                return Mapped.ignore("resolved: this alert's firing started nothing here");
            }
            return new Mapped(Optional.of(new Action(kind.equals("freeze") ? Action.Kind.UNFREEZE : Action.Kind.END_SCALE_UP,
                    key, actor, "alert " + Action.clip(name) + " resolved", OptionalInt.empty(), Optional.empty(),
                    OptionalInt.empty(), Optional.empty(), started, Optional.of(alert.idempotencyKey("resolved")))),
                    source);
        }
        String reason = reason(alert, name);
        OptionalInt count = number(alert.labels().get("prewarm_count"), "labels.prewarm_count");
        if (kind.equals("freeze")) {
            return new Mapped(Optional.of(new Action(Action.Kind.FREEZE, key, actor, reason, OptionalInt.empty(),
                    Optional.empty(), count, ttl, Optional.empty(), Optional.of(alert.idempotencyKey("firing")))), source);
        }
        OptionalInt target = number(alert.labels().get("prewarm_target"), "labels.prewarm_target");
        Optional<Action.Step> parsed = target.isPresent() ? Optional.empty()
                : Optional.of(step.map(s -> Action.Step.parse(s, "step"))
                .orElse(new Action.Step(true, config.defaultStepPercent())));
        return new Mapped(Optional.of(new Action(Action.Kind.SCALE_UP, key, actor, reason, target, parsed, count,
                Optional.of(ttl.orElse(config.defaultTtl())), Optional.empty(),
                Optional.of(alert.idempotencyKey("firing")))), source);
    }

    private static boolean matches(EmergencyConfig.Rule r, Map<String, String> labels) {
        if (r.alertname().isPresent() && !r.alertname().get().equals(labels.get("alertname"))) {
            return false;
        }
        return r.match().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static String reason(Alert alert, String name) {
        String summary = alert.annotations().getOrDefault("summary", "");
        String text = "alert " + name + " firing" + (summary.isBlank() ? "" : ": " + summary);
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static OptionalInt number(String v, String field) {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (!v.matches("[0-9]{1,6}")) {
            throw ApiException.invalid(field, "must be a whole number");
        }
        return OptionalInt.of(Integer.parseInt(v));
    }
}
