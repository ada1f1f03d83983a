package io.prewarm.telemetry;

import io.prewarm.common.ServiceKey;
import io.prewarm.pipeline.PlanRun;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes a plan run's metrics to a real Pushgateway (started here on a free loopback port) and reads them
 * back. Skipped with a message when the {@code prometheus-pushgateway} binary is absent.
 */
class PushgatewayTest {
    static Process gateway;
    static URI url;
    static Path log;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGateway() throws Exception {
        Path binary = Tools.pushgateway();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        log = Files.createTempFile("pushgateway", ".log");
        gateway = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        url = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline) || !gateway.isAlive()) {
                throw new IllegalStateException("starting pushgateway: not ready after 20 s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    TelemetrySettings settings(String repository) {
        TelemetrySettings d = TelemetrySettings.defaults(dir);
        return new TelemetrySettings(Optional.of(url), Optional.of("s3cret-token"), "prewarm-plan",
                Map.of("repository", repository), Duration.ofSeconds(5), d.metricsFile(), d.auditFile(), d.stateFile(),
                "ci");
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
        assertThat(Files.exists(t.settings().metricsFile())).as("no file when pushing").isFalse();
    }

    @Test
    void aFailedRunKeepsTheLastSuccessThatAnEarlierRunPushed() throws Exception {
        Instant first = Fixtures.NOW.plusSeconds(10);
        Telemetry ok = Telemetry.create(settings("keep"), new PrometheusRegistry(), Clock.fixed(first, ZoneOffset.UTC));
        assertThat(ok.export(runPlan(ok, Map.of(ServiceKey.of("prod", "checkout"), x -> 500)))).isTrue();

        // a later run on a fresh machine (no state file) whose only service fails
        Path elsewhere = Files.createTempDirectory(dir, "fresh");
        TelemetrySettings s = settings("keep");
        TelemetrySettings fresh = new TelemetrySettings(s.pushgatewayUrl(), s.pushgatewayToken(), s.job(), s.grouping(),
                s.pushTimeout(), elsewhere.resolve("m.prom"), Optional.empty(), Optional.empty(), s.actor());
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
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TelemetrySettings s = settings("x");
        TelemetrySettings down = new TelemetrySettings(Optional.of(URI.create("http://127.0.0.1:" + closed)),
                s.pushgatewayToken(), s.job(), s.grouping(), Duration.ofSeconds(2), s.metricsFile(), s.auditFile(),
                s.stateFile(), s.actor());
        PrometheusRegistry registry = new PrometheusRegistry();
        PrewarmMetrics.register(registry);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsExport.export(registry, down, true))
                .hasMessageStartingWith("pushing metrics to http://127.0.0.1:" + closed + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
