package io.prewarm.emergency;

import io.prewarm.testing.Tools;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Alertmanager (Debian {@code prometheus-alertmanager}) whose webhook points at serve: an alert
 * posted to its API fires a freeze, resolving it lifts the freeze. Skipped when the binary is absent.
 */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class AlertmanagerIntegrationTest {
    static final String BINARY = "prometheus-alertmanager";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EmergencyService service;

    @TempDir
    Path tmp;

    GitOpsRepo repo;
    Process alertmanager;
    int amPort;

    @BeforeEach
    void startAlertmanager() throws Exception {
        Path bin = Tools.requireAny("alertmanager", "apt-get install prometheus-alertmanager", BINARY, "alertmanager");
        repo = new GitOpsRepo(tmp.resolve("git"));
        repo.start(service, Clock.systemUTC());
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            amPort = s.getLocalPort();
        }
        Path config = tmp.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: prewarm
                  group_by: ['alertname', 'service']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: prewarm
                    webhook_configs:
                      - url: http://127.0.0.1:%d/v1/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(port, EmergencyTestProfile.AM));
        alertmanager = new ProcessBuilder(bin.toString(), "--config.file=" + config,
                "--storage.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("alertmanager.log").toFile()).start();
        waitFor(Duration.ofSeconds(20), () -> Http.send(amPort, "GET", "/-/ready", null).status() == 200);
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
        service.stop();
    }

    private static void waitFor(Duration max, Callable<Boolean> condition) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (AssertionError | Exception e) {
                // not ready yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within " + max);
    }

    private void post(Instant startsAt, Instant endsAt) {
        String alert = "[{\"labels\":{\"alertname\":\"CheckoutOverload\",\"service\":\"checkout\",\"environment\":\"prod\","
                + "\"prewarm_action\":\"freeze\",\"prewarm_count\":\"11\"},\"annotations\":{\"summary\":\"overload\"},"
                + "\"startsAt\":\"" + startsAt + "\"" + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}]";
        Http.Answer a = Http.send(amPort, "POST", "/api/v2/alerts", alert);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    @Test
    void aFiringAlertFreezesAndItsResolutionUnfreezes() throws Exception {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        post(startsAt, null);
        waitFor(Duration.ofSeconds(30), () -> repo.file("overrides/prod/checkout.json").isPresent());
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("\"count\" : 11", "alertmanager CheckoutOverload");
        assertThat(repo.file("generated/prod/checkout/freeze.tf")).isPresent();
        String freezeCommit = repo.log().get(0).getFullMessage();
        assertThat(freezeCommit).contains("Prewarm-Idempotency-Key: alert/");

        post(startsAt, Instant.now().minusSeconds(1));
        waitFor(Duration.ofSeconds(30), () -> repo.file("overrides/prod/checkout.json").isEmpty());
        assertThat(repo.file("generated/prod/checkout/freeze.tf")).isEmpty();
        assertThat(repo.log().get(0).getFullMessage()).contains("unfreeze prod/checkout");
        // one commit to freeze and one to unfreeze, however often Alertmanager notified
        assertThat(repo.log()).hasSize(3);
    }
}
