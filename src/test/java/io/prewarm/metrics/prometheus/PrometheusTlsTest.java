package io.prewarm.metrics.prometheus;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS to a server whose certificate the JVM does not trust, with and without the CA file. */
@QuarkusTest
class PrometheusTlsTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1));
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");

    @TempDir
    static Path dir;
    static Path caPem;
    static WireMockServer server;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        // A self-signed certificate for localhost: its own CA, unknown to the JVM's trust store.
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        server = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        server.start();
        server.stubFor(post(urlEqualTo("/api/v1/query_range")).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of(), T0.toEpochMilli(), 60_000, "5", "6")))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    private static URI https() {
        return URI.create("https://localhost:" + server.httpsPort());
    }

    @Test
    void trustsTheServerThroughTheConfiguredCaFile() {
        PrometheusConfig s = WireMockSupport.fast(Map.of("read-timeout", "10s", "connect-timeout", "10s",
                "tls-ca-file", caPem.toString()));
        try (PrometheusMetricsSource source = PrometheusMetricsSource.create(https(), s)) {
            assertThat(source.fetch(CHECKOUT, "q", Aggregation.NONE, WINDOW).series().values()).containsExactly(5, 6);
        }
    }

    @Test
    void refusesAnUntrustedCertificateWithATlsCause() {
        PrometheusConfig s = WireMockSupport.fast(Map.of("read-timeout", "10s", "connect-timeout", "10s",
                "retry.max-attempts", "1", "retry.initial-backoff", "1ms", "retry.max-backoff", "1ms"));
        try (PrometheusMetricsSource source = PrometheusMetricsSource.create(https(), s)) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, "q", Aggregation.NONE, WINDOW))
                    .hasMessageStartingWith("reading history for service=prod/checkout from " + https() + ": TLS failure");
        }
    }

    @Test
    void aCaFileWithoutCertificatesFailsAtCreation() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> PrometheusMetricsSource.create(https(),
                PrometheusConfigs.of(Map.of("tls-ca-file", empty.toString()))))
                .hasMessage("reading TLS CA file " + empty + ": no certificate found");
    }
}
