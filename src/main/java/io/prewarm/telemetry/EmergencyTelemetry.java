package io.prewarm.telemetry;

import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.EmergencyEvents;
import io.quarkus.logging.Log;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Observes the emergency webhook: counts requests by endpoint, outcome and action, writes one audit line
 * per applied action and tracks the overrides in force. Never throws: a telemetry failure must not turn
 * a successful emergency action into an error.
 */
public final class EmergencyTelemetry implements EmergencyEvents {
    private final PrewarmMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;

    public EmergencyTelemetry(PrewarmMetrics metrics, AuditLog audit, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void request(Endpoint endpoint, Outcome outcome, Action action) {
        metrics.emergencyRequests.labelValues(endpoint.label(), outcome.label(), action.label()).inc();
    }

    @Override
    public void applied(Applied a) {
        try {
            audit.write(List.of(new AuditEntry(clock.instant(), AuditEntry.EMERGENCY_ACTION, a.key().path(),
                    a.action().name().toLowerCase(Locale.ROOT), java.util.Optional.of(a.reason().name()), List.of(),
                    java.util.Optional.empty(), a.numbers(), a.actor(), a.commit(), false,
                    a.detail() + " (" + a.id() + ")")));
        } catch (RuntimeException e) {
            Log.errorf("auditing emergency action id=%s: %s", a.id(), e.getMessage());
        }
    }

    @Override
    public void overridesChanged(ServiceKey key, ServiceOverrides stored) {
        Overrides.track(metrics, key, stored.activeAt(clock.instant()));
    }
}
