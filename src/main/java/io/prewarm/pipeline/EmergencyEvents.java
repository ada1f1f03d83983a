package io.prewarm.pipeline;

import io.prewarm.common.Checks;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the emergency webhook tells an observer (telemetry): every request with its outcome, every applied
 * action (one audit line each) and the overrides a service has after an action. Owned here so that the
 * {@code emergency} package reaches it without depending on telemetry. Implementations are thread-safe
 * and never throw.
 */
public interface EmergencyEvents {
    /** Ignores everything. */
    EmergencyEvents NONE = new EmergencyEvents() {
    };

    /** The webhook endpoints: a fixed set, so they can be metric labels. */
    enum Endpoint {
        /** {@code POST /v1/emergency/scale-up} */
        SCALE_UP,
        /** {@code POST /v1/emergency/freeze} */
        FREEZE,
        /** {@code DELETE /v1/emergency/freeze} */
        UNFREEZE,
        /** {@code POST /v1/alertmanager} */
        ALERTMANAGER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a request ended. */
    enum Outcome {
        /** The action was committed. */
        APPLIED,
        /** A repeated request (same idempotency key); the earlier result was returned. */
        DUPLICATE,
        /** Invalid input or unknown service. */
        REJECTED,
        /** Authentication or signature failed. */
        UNAUTHORIZED,
        /** The action could not be committed. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a request asked for. */
    enum Action {
        SCALE_UP, FREEZE, UNFREEZE,
        /** Nothing (for example an Alertmanager notification that matched no rule). */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An applied emergency action, as the audit log records it.
     *
     * @param key     environment and service
     * @param action  what was done
     * @param id      the action id (stored in the override)
     * @param reason  why, as a reason code
     * @param numbers the numbers behind it (for example {@code min}, {@code count}, {@code ttlSeconds})
     * @param actor   who asked (user or alert name), never a secret
     * @param commit  the commit that recorded it
     * @param detail  a one-line explanation for humans
     */
    record Applied(ServiceKey key, Action action, String id, ReasonCode reason, Map<String, Number> numbers,
                   String actor, Optional<String> commit, String detail) {
        public Applied {
            Checks.nonNull("key, action, id, reason, actor, commit, detail",
                    key, action, id, reason, actor, commit, detail);
            numbers = java.util.Collections.unmodifiableMap(new TreeMap<>(numbers));
        }
    }

    /** A webhook request ended. */
    default void request(Endpoint endpoint, Outcome outcome, Action action) {
    }

    /** An emergency action was committed. */
    default void applied(Applied action) {
    }

    /** The overrides stored for a service after an action (possibly none), to track active ones. */
    default void overridesChanged(ServiceKey key, ServiceOverrides stored) {
    }
}
