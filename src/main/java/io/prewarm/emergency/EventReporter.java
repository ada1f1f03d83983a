package io.prewarm.emergency;

import io.prewarm.common.ReasonCode;
import io.prewarm.pipeline.EmergencyEvents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells telemetry what each webhook request did: a counter per endpoint, outcome and action, an audit
 * line per applied action, and the active overrides. The sink is set once by {@code serve}; without it
 * nothing is reported. Reporting never changes an answer.
 */
final class EventReporter {
    private static volatile EmergencyEvents sink = EmergencyEvents.NONE;

    private EventReporter() {
    }

    static void use(EmergencyEvents events) {
        sink = events == null ? EmergencyEvents.NONE : events;
    }

    static EmergencyEvents.Action action(Action a) {
        return switch (a.kind()) {
            case SCALE_UP -> EmergencyEvents.Action.SCALE_UP;
            case FREEZE -> EmergencyEvents.Action.FREEZE;
            case UNFREEZE, END_SCALE_UP -> EmergencyEvents.Action.UNFREEZE;
        };
    }

    /** A request that ended with an error before or while acting. */
    static void failed(EmergencyEvents.Endpoint endpoint, EmergencyEvents.Action action, Throwable error) {
        EmergencyEvents.Outcome outcome = error instanceof ApiException api
                ? (api.status() == 401 || api.status() == 403 ? EmergencyEvents.Outcome.UNAUTHORIZED
                : api.status() >= 500 ? EmergencyEvents.Outcome.FAILED : EmergencyEvents.Outcome.REJECTED)
                : EmergencyEvents.Outcome.FAILED;
        safely(() -> sink.request(endpoint, outcome, action));
    }

    /** A request answered with an action result (a fresh one, or the first answer of a repeat). */
    static void answered(EmergencyEvents.Endpoint endpoint, Action action, ActionResult result, boolean replayed,
                         EmergencyService service) {
        EmergencyEvents.Action kind = action(action);
        if (replayed) {
            safely(() -> sink.request(endpoint, EmergencyEvents.Outcome.DUPLICATE, kind));
            return;
        }
        safely(() -> sink.request(endpoint, EmergencyEvents.Outcome.APPLIED, kind));
        if (!"APPLIED".equals(result.status())) {
            return;
        }
        Map<String, Number> numbers = new LinkedHashMap<>();
        if (result.count() != null) {
            numbers.put("count", result.count());
        }
        if (result.requested() != null) {
            numbers.put("requested", result.requested());
        }
        if (result.expiresAt() != null && result.createdAt() != null) {
            numbers.put("ttlSeconds", result.expiresAt().getEpochSecond() - result.createdAt().getEpochSecond());
        }
        ReasonCode reason = switch (action.kind()) {
            case SCALE_UP -> ReasonCode.EMERGENCY_FLOOR;
            case FREEZE -> ReasonCode.FROZEN;
            case UNFREEZE, END_SCALE_UP -> ReasonCode.EMERGENCY_EXPIRED;
        };
        safely(() -> sink.applied(new EmergencyEvents.Applied(action.key(), kind, result.id(), reason, numbers,
                action.actor(), Optional.ofNullable(result.commit()), result.message() == null ? action.reason()
                : result.message())));
        safely(() -> sink.overridesChanged(action.key(), service.stored(action.key())));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // telemetry must never change an emergency answer
        }
    }
}
