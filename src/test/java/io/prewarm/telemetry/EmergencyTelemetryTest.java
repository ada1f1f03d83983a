package io.prewarm.telemetry;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.EmergencyEvents;
import io.prewarm.pipeline.EmergencyEvents.Action;
import io.prewarm.pipeline.EmergencyEvents.Endpoint;
import io.prewarm.pipeline.EmergencyEvents.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EmergencyTelemetryTest {
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");

    @TempDir
    Path dir;

    final PrometheusRegistry registry = new PrometheusRegistry();

    Telemetry telemetry() {
        return Telemetry.create(TelemetryConfigs.in(dir), registry, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void requestsAreCountedByEndpointOutcomeAndAction() {
        EmergencyEvents e = telemetry().emergency();
        e.request(Endpoint.SCALE_UP, Outcome.APPLIED, Action.SCALE_UP);
        e.request(Endpoint.SCALE_UP, Outcome.DUPLICATE, Action.SCALE_UP);
        e.request(Endpoint.SCALE_UP, Outcome.APPLIED, Action.SCALE_UP);
        e.request(Endpoint.FREEZE, Outcome.UNAUTHORIZED, Action.FREEZE);
        e.request(Endpoint.ALERTMANAGER, Outcome.APPLIED, Action.NONE);

        Scrape m = Scrape.of(registry);
        String n = "prewarm_emergency_requests_total";
        assertThat(m.value(n + "{action=\"scale_up\",endpoint=\"scale_up\",outcome=\"applied\"}")).isEqualTo(2);
        assertThat(m.value(n + "{action=\"scale_up\",endpoint=\"scale_up\",outcome=\"duplicate\"}")).isEqualTo(1);
        assertThat(m.value(n + "{action=\"freeze\",endpoint=\"freeze\",outcome=\"unauthorized\"}")).isEqualTo(1);
        assertThat(m.value(n + "{action=\"none\",endpoint=\"alertmanager\",outcome=\"applied\"}")).isEqualTo(1);
        assertThat(m.family(n)).hasSize(4);
    }

    @Test
    void appliedActionsWriteOneAuditLineEachWithTheNumbersAndCommit() {
        Telemetry t = telemetry();
        EmergencyEvents e = t.emergency();
        e.applied(new EmergencyEvents.Applied(CHECKOUT, Action.SCALE_UP, "em-7", ReasonCode.EMERGENCY_FLOOR,
                Map.of("min", 24, "ttlSeconds", 7200), "alice", Optional.of("c0ffee"), "at least 24 instances for 2 h"));
        e.applied(new EmergencyEvents.Applied(CHECKOUT, Action.FREEZE, "frz-2", ReasonCode.FROZEN,
                Map.of("count", 24), "bob", Optional.of("deadbe"), "frozen during incident 42"));

        List<AuditEntry> lines = AuditLog.read(t.settings().auditFile().orElseThrow());
        assertThat(lines).hasSize(2);
        AuditEntry up = lines.get(0);
        assertThat(up.event()).isEqualTo(AuditEntry.EMERGENCY_ACTION);
        assertThat(up.service()).isEqualTo("prod/checkout");
        assertThat(up.action()).isEqualTo("scale_up");
        assertThat(up.reason()).contains("EMERGENCY_FLOOR");
        assertThat(up.numbers()).containsEntry("min", 24).containsEntry("ttlSeconds", 7200);
        assertThat(up.actor()).isEqualTo("alice");
        assertThat(up.commit()).contains("c0ffee");
        assertThat(up.time()).isEqualTo(NOW);
        assertThat(up.detail()).contains("em-7");
        assertThat(lines.get(1).action()).isEqualTo("freeze");
    }

    @Test
    void activeOverridesAreTrackedAndDisappearWhenLiftedOrExpired() {
        EmergencyEvents e = telemetry().emergency();
        Instant created = NOW.minusSeconds(600);
        e.overridesChanged(CHECKOUT, new ServiceOverrides(
                Optional.of(new ServiceOverrides.Freeze("frz-1", 10, "bob", "incident", created, Optional.empty())),
                Optional.of(new ServiceOverrides.ScaleUp("em-1", 20, "alice", "sale", created, NOW.plusSeconds(3600)))));
        Scrape m = Scrape.of(registry);
        String freeze = "{environment=\"prod\",kind=\"freeze\",service=\"checkout\"}";
        String up = "{environment=\"prod\",kind=\"scale_up\",service=\"checkout\"}";
        assertThat(m.value("prewarm_override_active" + freeze)).isEqualTo(1);
        assertThat(m.value("prewarm_override_active" + up)).isEqualTo(1);
        assertThat(m.value("prewarm_override_started_timestamp_seconds" + up)).isEqualTo(created.getEpochSecond());
        assertThat(m.value("prewarm_override_expires_timestamp_seconds" + up)).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(m.has("prewarm_override_expires_timestamp_seconds" + freeze)).as("no expiry").isFalse();

        // unfreeze; the scale-up has already expired as seen from now
        e.overridesChanged(CHECKOUT, new ServiceOverrides(Optional.empty(),
                Optional.of(new ServiceOverrides.ScaleUp("em-1", 20, "alice", "sale", created, NOW.minusSeconds(1)))));
        m = Scrape.of(registry);
        assertThat(m.family("prewarm_override_active")).isEmpty();
        assertThat(m.family("prewarm_override_started_timestamp_seconds")).isEmpty();
    }
}
