package io.prewarm.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.prewarm.common.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the audit log: a decision of a plan run or an emergency action.
 *
 * @param time    when it was recorded
 * @param event   {@code plan.action} (a scheduled action of a plan), {@code plan.service} (a service's
 *                outcome in a run) or {@code emergency.action}
 * @param service {@code <environment>/<service>}
 * @param action  the action's name, the service's status ({@code updated}, {@code no_change},
 *                {@code frozen}, {@code failed}) or the emergency action ({@code scale_up}, ...)
 * @param reason  the reason code, when the decision has one
 * @param reasons every reason code of a service's plan ({@code plan.service} only)
 * @param schedule the cron (with zone) or instant of a scheduled action
 * @param numbers the numbers behind the decision, sorted by name
 * @param actor   who decided: the configured plan actor, or the emergency requester
 * @param commit  the commit that records it, when one was made
 * @param dryRun  true when nothing was committed because the run was a dry run
 * @param detail  a one-line explanation for humans
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"time", "event", "service", "action", "reason", "reasons", "schedule", "numbers", "actor",
        "commit", "dryRun", "detail"})
public record AuditEntry(Instant time, String event, String service, String action, Optional<String> reason,
                         List<String> reasons, Optional<String> schedule, Map<String, Number> numbers, String actor,
                         Optional<String> commit, boolean dryRun, String detail) {
    public static final String PLAN_ACTION = "plan.action";
    public static final String PLAN_SERVICE = "plan.service";
    public static final String EMERGENCY_ACTION = "emergency.action";

    public AuditEntry {
        Checks.nonNull("time, event, service, action, reason, schedule, actor, commit, detail",
                time, event, service, action, reason, schedule, actor, commit, detail);
        reasons = List.copyOf(reasons);
        numbers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(numbers));
    }
}
