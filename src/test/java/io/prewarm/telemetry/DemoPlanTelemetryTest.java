package io.prewarm.telemetry;

import io.prewarm.testing.Tools;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.cli.Wiring;
import io.prewarm.pipeline.Stages;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" for the plan side, on the real stages and the bundled demo history: the
 * metrics file and a real Pushgateway show the numbers of the run summary and of the audit log, line for
 * line.
 */
class DemoPlanTelemetryTest {
    @TempDir
    Path dir;

    @Test
    void demoPlanMetricsMatchTheSummaryAndTheAuditLogLineForLine() {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        List<ServicePolicy> policies = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(Path.of("policies"));
        Stages stages = new Wiring().stages(new io.prewarm.cli.MetricsSpec.Demo());
        PrometheusRegistry registry = new PrometheusRegistry();
        Telemetry t = Telemetry.create(TelemetryConfigs.in(dir), registry, Clock.fixed(now, ZoneOffset.UTC));
        PlanTelemetry observer = t.planRun();
        RunSummary summary = new PlanRun(stages, observer).run(policies, new MemoryWorkspace(),
                new PlanRun.Options(now, false, 2, false));
        assertThat(t.export(observer)).isTrue();

        List<AuditEntry> audit = AuditLog.read(t.settings().auditFile().orElseThrow());
        assertAgree(Scrape.parse(read(t.settings().files().metricsFile())), summary, audit, policies.size());

        if (Tools.onPath("prometheus-pushgateway").isEmpty() && Tools.here().mayBeMissing("pushgateway")) {
            System.out.println("pushgateway part skipped: prometheus-pushgateway is not installed");
            return;
        }
        try (Gateway gw = Gateway.start()) {
            MetricsExport.export(registry, TelemetryConfigs.in(dir, Map.of("prewarm.pushgateway.url", gw.url.toString(),
                    "prewarm.pushgateway.grouping.repository", "demo", "prewarm.pushgateway.timeout", "5s")),
                    observer.succeeded());
            Scrape pushed = gw.scrape().without("instance", "job", "repository");
            assertAgree(pushed, summary, audit, policies.size());
            Scrape file = Scrape.parse(read(t.settings().files().metricsFile()));
            file.family("prewarm_plan_actions").forEach((k, v) -> assertThat(pushed.value(k)).as(k).isEqualTo(v));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertAgree(Scrape file, RunSummary summary, List<AuditEntry> audit, int services) {
        assertThat(summary.services()).hasSize(services).isNotEmpty();
        assertThat(summary.failed()).isFalse();
        assertThat(file.value("prewarm_plan_runs_total{outcome=\"success\"}")).isEqualTo(1);
        for (ServiceResult.Status s : ServiceResult.Status.values()) {
            String status = s.name().toLowerCase();
            long auditLines = audit.stream().filter(e -> e.event().equals(AuditEntry.PLAN_SERVICE)
                    && e.action().equals(status)).count();
            assertThat(file.value("prewarm_plan_services{status=\"" + status + "\"}")).as(status)
                    .isEqualTo(summary.count(s)).isEqualTo(auditLines);
        }
        for (ServiceResult r : summary.services()) {
            CapacityPlan plan = r.plan().orElseThrow();
            String env = r.key().environment().value();
            String svc = r.key().service().value();
            String labels = "environment=\"" + env + "\",service=\"" + svc + "\",target=\"" + plan.target().kind().id() + "\"";
            assertThat(file.value("prewarm_plan_peak_capacity_instances{" + labels + "}")).isEqualTo(plan.peakCapacity());
            assertThat(file.value("prewarm_plan_safety_cap_instances{" + labels + "}")).isEqualTo(plan.limits().safetyCap());
            Map<String, Long> fromPlan = plan.actions().stream().collect(Collectors.groupingBy(
                    a -> a.reason().name(), Collectors.counting()));
            Map<String, Long> fromAudit = audit.stream().filter(e -> e.event().equals(AuditEntry.PLAN_ACTION)
                    && e.service().equals(r.key().path())).collect(Collectors.groupingBy(
                    e -> e.reason().orElseThrow(), Collectors.counting()));
            assertThat(fromAudit).as(r.key().path()).isEqualTo(fromPlan);
            fromPlan.forEach((reason, n) -> assertThat(file.value("prewarm_plan_actions{environment=\"" + env
                    + "\",reason=\"" + reason + "\",service=\"" + svc + "\"}")).as(reason).isEqualTo(n.doubleValue()));
            assertThat(audit.stream().filter(e -> e.event().equals(AuditEntry.PLAN_ACTION)
                    && e.service().equals(r.key().path())).map(AuditEntry::action).toList())
                    .isEqualTo(plan.actions().stream().map(ScalingAction::name).toList());
        }
        assertThat(audit).allSatisfy(e -> assertThat(e.commit()).isEqualTo(summary.commit()));
    }

    private static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
