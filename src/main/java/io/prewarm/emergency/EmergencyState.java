package io.prewarm.emergency;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What {@code GET /v1/emergency} shows, kept in memory so reads never touch Git: each service's stored
 * overrides and the commit that carries each action id. Written by the writer thread, read by any.
 */
public final class EmergencyState {
    private final Map<ServiceKey, ServiceOverrides> overrides = new ConcurrentSkipListMap<>();
    private final Map<String, String> commits = new ConcurrentHashMap<>();
    private final Map<ServiceKey, String> planFiles = new ConcurrentSkipListMap<>();
    private volatile PlanCommits.PlanCommit lastPlan;

    /** The overrides stored for a service (none when it has none). */
    ServiceOverrides get(ServiceKey key) {
        return overrides.getOrDefault(key, ServiceOverrides.none());
    }

    void put(ServiceKey key, ServiceOverrides o) {
        if (o.isEmpty()) {
            overrides.remove(key);
        } else {
            overrides.put(key, o);
        }
    }

    void commit(String actionId, String commit) {
        commits.put(actionId, commit);
    }

    /** The committed plan file of a service, as text (absent: the service has none yet). */
    void planFile(ServiceKey key, java.util.Optional<String> text) {
        if (text.isPresent()) {
            planFiles.put(key, text.get());
        } else {
            planFiles.remove(key);
        }
    }

    Map<ServiceKey, String> planFiles() {
        return Map.copyOf(planFiles);
    }

    void lastPlan(PlanCommits.PlanCommit commit) {
        lastPlan = commit;
    }

    java.util.Optional<PlanCommits.PlanCommit> lastPlan() {
        return java.util.Optional.ofNullable(lastPlan);
    }

    /** One active freeze or scale-up. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String environment, String service, String kind, String id, int count, String actor, String reason,
                 Instant createdAt, Instant expiresAt, String commit) {
    }

    /** The overrides in force at {@code now}, sorted by environment and service, freeze first. */
    List<Entry> active(Instant now) {
        List<Entry> out = new ArrayList<>();
        overrides.forEach((key, stored) -> {
            ServiceOverrides o = stored.activeAt(now);
            o.freeze().ifPresent(f -> out.add(new Entry(key.environment().value(), key.service().value(), "freeze",
                    f.id(), f.count(), f.actor(), f.reason(), f.createdAt(), f.expiresAt().orElse(null),
                    commits.get(f.id()))));
            o.scaleUp().ifPresent(s -> out.add(new Entry(key.environment().value(), key.service().value(), "scale-up",
                    s.id(), s.min(), s.actor(), s.reason(), s.createdAt(), s.expiresAt(), commits.get(s.id()))));
        });
        return out;
    }
}
