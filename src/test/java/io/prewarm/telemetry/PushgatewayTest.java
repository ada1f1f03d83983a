package io.prewarm.telemetry;

import io.prewarm.common.ServiceKey;
import io.prewarm.pipeline.PlanRun;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes a plan run's metrics to a real Pushgateway (started here on a free loopback port) and reads them
 * back. Skipped with a message when the {@code prometheus-pushgateway} binary is absent.
 */
class PushgatewayTest {
    static Gateway gateway;
    static URI url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.start();
        url = gateway.url;
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return gateway.get(path);
    }

    TelemetryConfig settings(String repository) {
        return settings(repository, Map.of());
    }

    TelemetryConfig settings(String repository, Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("prewarm.pushgateway.url", url.toString(),
                "prewarm.pushgateway.token", "s3cret-token", "prewarm.pushgateway.grouping.repository", repository,
                "prewarm.pushgateway.timeout", "5s", "prewarm.audit.actor", "ci"));
        values.putAll(overrides);
        return TelemetryConfigs.in(dir, values);
    }

    PlanTelemetry runPlan(Telemetry t, Map<ServiceKey, java.util.function.DoubleUnaryOperator> demand) {
        PlanTelemetry run = t.planRun();
        new PlanRun(Fixtures.stages(demand), run).run(List.of(Fixtures.policy("prod", "checkout", 5)),
                new MemoryWorkspace(), new PlanRun.Options(Fixtures.NOW, false, 1, false));
        return run;
    }

    @Test
    void planMetricsArePushedAndReadBackFromThePushgateway() throws Exception {
        Instant end = Fixtures.NOW.plusSeconds(42);
        Telemetry t = Telemetry.create(settings("infra-live"), new PrometheusRegistry(), Clock.fixed(end, ZoneOffset.UTC));
        PlanTelemetry run = runPlan(t, Map.of(ServiceKey.of("prod", "checkout"), x -> 500));
        assertThat(t.export(run)).isTrue();

        Scrape gw = Scrape.parse(get("/metrics").body());
        String group = "instance=\"\",job=\"prewarm-plan\"";
        assertThat(gw.value("prewarm_plan_runs_total{" + group + ",outcome=\"success\",repository=\"infra-live\"}"))
                .isEqualTo(1);
        assertThat(gw.value("prewarm_plan_peak_capacity_instances{environment=\"prod\"," + group
                + ",repository=\"infra-live\",service=\"checkout\",target=\"aws-asg\"}")).isEqualTo(6);
        assertThat(gw.value("prewarm_plan_last_success_timestamp_seconds{" + group + ",repository=\"infra-live\"}"))
                .isEqualTo(end.getEpochSecond());
        assertThat(Files.exists(t.settings().files().metricsFile())).as("no file when pushing").isFalse();
    }

    @Test
    void aFailedRunKeepsTheLastSuccessThatAnEarlierRunPushed() throws Exception {
        Instant first = Fixtures.NOW.plusSeconds(10);
        Telemetry ok = Telemetry.create(settings("keep"), new PrometheusRegistry(), Clock.fixed(first, ZoneOffset.UTC));
        assertThat(ok.export(runPlan(ok, Map.of(ServiceKey.of("prod", "checkout"), x -> 500)))).isTrue();

        // a later run on a fresh machine (no state file) whose only service fails
        Path elsewhere = Files.createTempDirectory(dir, "fresh");
        TelemetryConfig fresh = settings("keep", Map.of("prewarm.telemetry.metrics-file",
                elsewhere.resolve("m.prom").toString(), "prewarm.audit.file", "none", "prewarm.telemetry.state-file", "none"));
        Telemetry failing = Telemetry.create(fresh, new PrometheusRegistry(),
                Clock.fixed(first.plusSeconds(3600), ZoneOffset.UTC));
        PlanTelemetry run = runPlan(failing, Map.of());
        assertThat(run.succeeded()).isFalse();
        assertThat(failing.export(run)).isTrue();

        Scrape gw = Scrape.parse(get("/metrics").body());
        String group = "instance=\"\",job=\"prewarm-plan\",repository=\"keep\"";
        assertThat(gw.value("prewarm_plan_last_success_timestamp_seconds{" + group + "}")).isEqualTo(first.getEpochSecond());
        assertThat(gw.value("prewarm_plan_last_run_success{" + group + "}")).isZero();
        assertThat(gw.value("prewarm_plan_runs_total{instance=\"\",job=\"prewarm-plan\",outcome=\"failure\","
                + "repository=\"keep\"}")).isEqualTo(1);
    }

    @Test
    void anUnreachableGatewayIsReportedWithoutTheToken() throws Exception {
        int closed = Gateway.freePort();
        TelemetryConfig down = settings("x", Map.of("prewarm.pushgateway.url", "http://127.0.0.1:" + closed,
                "prewarm.pushgateway.timeout", "2s"));
        PrometheusRegistry registry = new PrometheusRegistry();
        PrewarmMetrics.register(registry);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsExport.export(registry, down, true))
                .hasMessageStartingWith("pushing metrics to http://127.0.0.1:" + closed + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
