package io.prewarm.telemetry;

import io.prewarm.common.ServiceKey;
import io.prewarm.override.OverrideStore;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.policy.ServicePolicy;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PlanTelemetryTest {
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");
    static final ServiceKey SEARCH = ServiceKey.of("prod", "search");
    static final ServiceKey REPORTS = ServiceKey.of("staging", "reports");
    static final ServiceKey FROZEN = ServiceKey.of("prod", "ledger");
    static final String P = "environment=\"prod\"";

    @TempDir
    Path dir;

    final PrometheusRegistry registry = new PrometheusRegistry();

    Telemetry telemetry(Instant end) {
        return Telemetry.create(TelemetryConfigs.in(dir), registry, Clock.fixed(end, ZoneOffset.UTC));
    }

    static List<ServicePolicy> policies() {
        return List.of(Fixtures.policy("prod", "checkout", 5), Fixtures.policy("prod", "search", 5),
                Fixtures.policy("staging", "reports", 5), Fixtures.policy("prod", "ledger", 5));
    }

    static MemoryWorkspace workspaceWithFreeze() {
        MemoryWorkspace ws = new MemoryWorkspace();
        ws.base.put(OverrideStore.path(FROZEN), OverrideStore.render(new ServiceOverrides(Optional.of(
                new ServiceOverrides.Freeze("frz-1", 8, "alice", "incident 42", Instant.parse("2026-11-27T20:00:00Z"),
                        Optional.empty())), Optional.empty())));
        return ws;
    }

    RunSummary run(Telemetry t, PlanTelemetry observer, Map<ServiceKey, DoubleUnaryOperator> demand, Instant now,
                   MemoryWorkspace ws) {
        RunSummary summary = new PlanRun(Fixtures.stages(demand), observer)
                .run(policies(), ws, new PlanRun.Options(now, false, 2, false));
        assertThat(t.export(observer)).isTrue();
        return summary;
    }

    @Test
    void aMergeRequestFailureAfterThePushFailsTheRunAndItsAuditLinesKeepTheCommit() {
        Telemetry t = telemetry(Fixtures.NOW.plusSeconds(30));
        PlanTelemetry observer = t.planRun();
        io.prewarm.gitops.MergeRequestPublisher down = draft -> {
            throw new io.prewarm.gitops.GitOpsException("opening merge request for " + draft.sourceBranch()
                    + ": gitlab answered 401 unauthorized");
        };
        RunSummary summary = new PlanRun(Fixtures.stages(Map.of(CHECKOUT, x -> 500)),
                io.prewarm.gitops.ChurnControl.defaults(), Optional.of(down), observer)
                .run(List.of(Fixtures.policy("prod", "checkout", 5)), new MemoryWorkspace(),
                        new PlanRun.Options(Fixtures.NOW, false, 1, false));
        assertThat(t.export(observer)).isTrue();

        assertThat(summary.published()).isTrue();
        assertThat(summary.error()).hasValueSatisfying(e -> assertThat(e).endsWith("gitlab answered 401 unauthorized"));
        assertThat(observer.succeeded()).isFalse();
        Scrape m = Scrape.of(registry);
        assertThat(m.value("prewarm_plan_runs_total{outcome=\"failure\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_merge_requests_total{action=\"failed\"}")).isEqualTo(1);
        List<AuditEntry> lines = AuditLog.read(t.audit().file().orElseThrow());
        assertThat(lines).isNotEmpty().allMatch(l -> l.commit().equals(summary.commit()));
    }

    @Test
    void aPlanRunsAuditLinesGoToTheFileOnlyUnlessVerbose() {
        Telemetry t = telemetry(Fixtures.NOW);
        List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (AuditLog.CATEGORY.equals(r.getLoggerName())) {
                    logged.add(String.valueOf(r.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            run(t, t.planRun(), Map.of(CHECKOUT, x -> 500), Fixtures.NOW, new MemoryWorkspace());
            int written = AuditLog.read(t.audit().file().orElseThrow()).size();
            assertThat(written).isGreaterThan(1);
            assertThat(logged).as("quiet by default").isEmpty();
            run(t, t.planRun(true), Map.of(CHECKOUT, x -> 500), Fixtures.NOW, new MemoryWorkspace());
            assertThat(logged).as("--verbose").hasSize(written);
            assertThat(AuditLog.read(t.audit().file().orElseThrow())).hasSize(2 * written);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(t.planRun().audit().echoes()).isFalse();
        assertThat(t.planRun(true).audit().echoes()).isTrue();
        assertThat(t.audit().echoes()).as("serve's emergency lines are logged too").isTrue();
        Telemetry noFile = Telemetry.create(TelemetryConfig.of(Map.of("prewarm.pushgateway.timeout", "1s",
                "prewarm.telemetry.metrics-file", dir.resolve("m.prom").toString(), "prewarm.audit.file", "none",
                "prewarm.telemetry.state-file", "none", "prewarm.audit.actor", "ci")),
                new PrometheusRegistry(), Clock.systemUTC());
        assertThat(noFile.planRun().audit().echoes()).as("without a file the log is the only copy").isTrue();
    }

    @Test
    void metricsOfAPlanRunMatchItsSummary() {
        Telemetry t = telemetry(Fixtures.NOW.plusSeconds(30));
        PlanTelemetry observer = t.planRun();
        RunSummary summary = run(t, observer, Map.of(CHECKOUT, x -> 500, SEARCH, x -> 1500), Fixtures.NOW,
                workspaceWithFreeze());

        Scrape m = Scrape.of(registry);
        assertThat(m.value("prewarm_plan_runs_total{outcome=\"partial\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_plan_runs_total{outcome=\"success\"}")).isZero();
        assertThat(m.value("prewarm_plan_last_run_success")).isZero();
        assertThat(m.value("prewarm_plan_last_run_timestamp_seconds")).isEqualTo(Fixtures.NOW.getEpochSecond() + 30);
        assertThat(m.has("prewarm_plan_last_success_timestamp_seconds")).as("no success yet").isFalse();
        for (ServiceResult.Status s : ServiceResult.Status.values()) {
            assertThat(m.value("prewarm_plan_services{status=\"" + s.name().toLowerCase() + "\"}"))
                    .as(s.name()).isEqualTo(summary.count(s));
        }
        assertThat(summary.count(ServiceResult.Status.UPDATED)).isEqualTo(2);
        assertThat(summary.count(ServiceResult.Status.FROZEN)).isEqualTo(1);
        assertThat(summary.count(ServiceResult.Status.FAILED)).isEqualTo(1);

        // 500 rps, upper +20% = 600, 100 per instance: 6; search needs 18 and is clamped at the cap of 10.
        String checkout = P + ",service=\"checkout\"";
        String search = P + ",service=\"search\"";
        assertThat(m.value("prewarm_plan_peak_capacity_instances{" + checkout + ",target=\"aws-asg\"}")).isEqualTo(6);
        assertThat(m.value("prewarm_plan_peak_capacity_instances{" + search + ",target=\"aws-asg\"}")).isEqualTo(10);
        assertThat(m.value("prewarm_plan_safety_cap_instances{" + search + ",target=\"aws-asg\"}")).isEqualTo(10);
        int horizonSteps = (int) (io.prewarm.plan.PlanningWindow.HORIZON.toHours() + 1);
        assertThat(m.value("prewarm_plan_safety_cap_steps{" + search + "}")).isEqualTo(horizonSteps);
        assertThat(m.value("prewarm_plan_safety_cap_steps{" + checkout + "}")).isZero();
        assertThat(m.value("prewarm_safety_cap_hits_total{" + search + "}")).isEqualTo(1);
        assertThat(m.has("prewarm_safety_cap_hits_total{" + checkout + "}")).isFalse();
        assertThat(m.value("prewarm_plan_actions{" + P + ",reason=\"SAFETY_CAP\",service=\"search\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_plan_actions{" + P + ",reason=\"PREWARM\",service=\"checkout\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_history_samples{" + checkout + "}")).isEqualTo(48);
        assertThat(m.value("prewarm_history_missing_samples{" + checkout + "}")).isZero();

        assertThat(m.value("prewarm_git_pushes_total{outcome=\"pushed\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_override_active{" + P + ",kind=\"freeze\",service=\"ledger\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_override_started_timestamp_seconds{" + P + ",kind=\"freeze\",service=\"ledger\"}"))
                .isEqualTo(Instant.parse("2026-11-27T20:00:00Z").getEpochSecond());
        // every service's overrides are read; history, forecast, plan and render only for the two planned ones
        assertThat(m.value("prewarm_plan_stage_duration_seconds_count{stage=\"overrides\"}")).isEqualTo(4);
        assertThat(m.value("prewarm_plan_stage_duration_seconds_count{stage=\"history\"}")).isEqualTo(2);
        assertThat(m.value("prewarm_plan_stage_duration_seconds_count{stage=\"render\"}")).isEqualTo(2);
        assertThat(m.value("prewarm_plan_stage_duration_seconds_count{stage=\"publish\"}")).isEqualTo(1);
        // no forecast error without a previous forecast
        assertThat(m.family("prewarm_forecast_error_ratio")).isEmpty();
    }

    @Test
    void auditLogHasOneLinePerDecisionMatchingTheMetrics() {
        Telemetry t = telemetry(Fixtures.NOW.plusSeconds(30));
        PlanTelemetry observer = t.planRun();
        RunSummary summary = run(t, observer, Map.of(CHECKOUT, x -> 500, SEARCH, x -> 1500), Fixtures.NOW,
                workspaceWithFreeze());

        List<AuditEntry> lines = AuditLog.read(t.settings().auditFile().orElseThrow());
        List<AuditEntry> actions = lines.stream().filter(e -> e.event().equals(AuditEntry.PLAN_ACTION)).toList();
        List<AuditEntry> services = lines.stream().filter(e -> e.event().equals(AuditEntry.PLAN_SERVICE)).toList();
        assertThat(services).extracting(AuditEntry::service)
                .containsExactly("prod/checkout", "prod/search", "staging/reports", "prod/ledger");
        assertThat(actions).hasSize(5);

        // line for line: actions per service and reason equal the prewarm_plan_actions gauge
        Scrape m = Scrape.of(registry);
        Map<String, Long> fromAudit = actions.stream().collect(Collectors.groupingBy(
                e -> "prewarm_plan_actions{environment=\"" + e.service().split("/")[0] + "\",reason=\""
                        + e.reason().orElseThrow() + "\",service=\"" + e.service().split("/")[1] + "\"}",
                Collectors.counting()));
        Map<String, Double> fromMetrics = m.family("prewarm_plan_actions");
        assertThat(fromMetrics.keySet()).isEqualTo(fromAudit.keySet());
        fromAudit.forEach((k, n) -> assertThat(fromMetrics.get(k)).as(k).isEqualTo(n.doubleValue()));
        // service lines by status equal prewarm_plan_services
        Map<String, Long> byStatus = services.stream().collect(Collectors.groupingBy(AuditEntry::action,
                Collectors.counting()));
        byStatus.forEach((s, n) -> assertThat(m.value("prewarm_plan_services{status=\"" + s + "\"}")).isEqualTo(n.doubleValue()));

        AuditEntry searchCap = actions.stream().filter(e -> e.reason().orElseThrow().equals("SAFETY_CAP")).findFirst()
                .orElseThrow();
        assertThat(searchCap.service()).isEqualTo("prod/search");
        assertThat(searchCap.numbers()).containsEntry("min", 10).containsEntry("max", 10);
        assertThat(searchCap.commit()).isEqualTo(summary.commit());
        assertThat(searchCap.actor()).isEqualTo("prewarm-plan");
        AuditEntry frozen = services.stream().filter(e -> e.service().equals("prod/ledger")).findFirst().orElseThrow();
        assertThat(frozen.action()).isEqualTo("frozen");
        assertThat(frozen.reason()).contains("FROZEN");
        AuditEntry failed = services.stream().filter(e -> e.service().equals("staging/reports")).findFirst()
                .orElseThrow();
        assertThat(failed.commit()).as("a failed service is not part of the commit").isEmpty();
        assertThat(failed.detail()).contains("connection refused");
        AuditEntry checkout = services.get(0);
        assertThat(checkout.numbers()).containsEntry("peakCapacity", 6).containsEntry("safetyCap", 10)
                .containsEntry("actions", 2);
    }

    @Test
    void nextRunMeasuresThePreviousForecastAgainstWhatHappened() {
        Instant cut = Fixtures.NOW;
        // 500 rps before the first run; 700 rps afterwards: the forecast (500, upper 600) was 200 short.
        DoubleUnaryOperator checkout = x -> x < cut.getEpochSecond() ? 500 : 700;
        Telemetry first = telemetry(cut.plusSeconds(30));
        PlanTelemetry run1 = first.planRun();
        run(first, run1, Map.of(CHECKOUT, checkout, SEARCH, x -> 100, REPORTS, x -> 100, FROZEN, x -> 100), cut,
                new MemoryWorkspace());
        assertThat(run1.succeeded()).isTrue();

        PrometheusRegistry second = new PrometheusRegistry();
        Instant later = cut.plus(Duration.ofDays(1));
        Telemetry next = Telemetry.create(TelemetryConfigs.in(dir), second,
                Clock.fixed(later.plusSeconds(30), ZoneOffset.UTC));
        PlanTelemetry run2 = next.planRun();
        new PlanRun(Fixtures.stages(Map.of(CHECKOUT, checkout, SEARCH, x -> 100)), run2)
                .run(policies(), new MemoryWorkspace(), new PlanRun.Options(later, true, 1, false));

        Scrape m = Scrape.of(second);
        String checkoutLabels = "{" + P + ",service=\"checkout\"}";
        assertThat(m.value("prewarm_forecast_error_ratio" + checkoutLabels)).isCloseTo(200.0 / 700.0, within(1e-9));
        assertThat(m.value("prewarm_forecast_upper_exceeded_ratio" + checkoutLabels)).isEqualTo(1.0);
        assertThat(m.value("prewarm_forecast_evaluated_samples" + checkoutLabels)).isEqualTo(24);
        assertThat(m.value("prewarm_forecast_error_ratio{" + P + ",service=\"search\"}")).isZero();
        // the first run succeeded; the second (reports fails now) keeps that time
        assertThat(m.value("prewarm_plan_last_success_timestamp_seconds"))
                .isEqualTo(cut.plusSeconds(30).getEpochSecond());
        assertThat(m.value("prewarm_plan_runs_total{outcome=\"partial\"}")).isEqualTo(1);
    }

    @Test
    void mergeRequestOutcomesAreCountedByAction() {
        Telemetry t = telemetry(Fixtures.NOW);
        PlanTelemetry observer = t.planRun();
        io.prewarm.gitops.MergeRequest mr = new io.prewarm.gitops.MergeRequest(7, "prewarm/plan-2026-11-28", "main",
                "prewarm: plan", "description", List.of("prewarm"), "https://gitlab.example/mr/7");
        io.prewarm.gitops.MergeRequestPublisher publisher = draft -> new io.prewarm.gitops.MergeRequestOutcome(
                io.prewarm.gitops.MergeRequestOutcome.Status.CREATED, Optional.of(mr), List.of(3L, 5L));
        new PlanRun(Fixtures.stages(Map.of(CHECKOUT, x -> 500)), io.prewarm.gitops.ChurnControl.defaults(),
                Optional.of(publisher), observer).run(List.of(Fixtures.policy("prod", "checkout", 5)),
                new MemoryWorkspace(), new PlanRun.Options(Fixtures.NOW, false, 1, false));
        Scrape m = Scrape.of(registry);
        assertThat(m.value("prewarm_merge_requests_total{action=\"opened\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_merge_requests_total{action=\"closed\"}")).isEqualTo(2);
        assertThat(m.value("prewarm_merge_requests_total{action=\"updated\"}")).isZero();
    }

    @Test
    void aFailedPublishCountsAFailedPushAndAFailedRun() {
        Telemetry t = telemetry(Fixtures.NOW);
        PlanTelemetry observer = t.planRun();
        MemoryWorkspace ws = new MemoryWorkspace();
        ws.failPush = true;
        assertThatThrownBy(() -> new PlanRun(Fixtures.stages(Map.of(CHECKOUT, x -> 500)), observer)
                .run(List.of(Fixtures.policy("prod", "checkout", 5)), ws,
                        new PlanRun.Options(Fixtures.NOW, false, 1, false)))
                .hasMessageContaining("connection refused");
        Scrape m = Scrape.of(registry);
        assertThat(m.value("prewarm_git_pushes_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_plan_runs_total{outcome=\"failure\"}")).isEqualTo(1);
        assertThat(m.value("prewarm_plan_last_run_success")).isZero();
    }
}
