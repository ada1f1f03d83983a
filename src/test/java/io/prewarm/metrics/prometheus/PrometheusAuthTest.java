package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Credentials reach the server and nothing else: not messages, not toString. */
@QuarkusTest
class PrometheusAuthTest {
    static final String RANGE = "/api/v1/query_range";
    static final String TOKEN = "tok-9f8e7d6c5b4a-secret";
    static final String PASSWORD = "hunter2-but-longer";
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1));
    static final String OK = PromJson.matrix(PromJson.series(Map.of(), T0.toEpochMilli(), 60_000, "1", "2"));

    final WireMockSupport wm = new WireMockSupport();

    @BeforeEach
    void start() {
        wm.server.start();
    }

    @AfterEach
    void stop() {
        wm.server.stop();
    }

    @Test
    void sendsTheBearerTokenAndTenantHeaderOnEveryRequest() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Scope-OrgID", equalTo("team-a")).willReturn(okJson(OK)));
        PrometheusConfig s = WireMockSupport.fast(Map.of("bearer-token", TOKEN,
                "headers.X-Scope-OrgID", "team-a"));
        try (PrometheusMetricsSource source = wm.source(s)) {
            assertThat(source.fetch(CHECKOUT, "q", Aggregation.SUM, WINDOW).series().values()).containsExactly(1, 2);
        }
    }

    @Test
    void readsTheBearerTokenFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        wm.server.stubFor(post(urlEqualTo(RANGE)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(OK)));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("bearer-token-file", file.toString())))) {
            assertThat(source.fetch(CHECKOUT, "q", Aggregation.SUM, WINDOW).series().size()).isEqualTo(2);
        }
    }

    @Test
    void sendsBasicAuthentication() {
        String encoded = Base64.getEncoder().encodeToString(("prewarm:" + PASSWORD).getBytes());
        wm.server.stubFor(post(urlEqualTo(RANGE)).withHeader("Authorization", equalTo("Basic " + encoded))
                .willReturn(okJson(OK)));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("basic-auth.username", "prewarm",
                "basic-auth.password", PASSWORD)))) {
            assertThat(source.fetch(CHECKOUT, "q", Aggregation.SUM, WINDOW).series().size()).isEqualTo(2);
        }
    }

    @Test
    void aRejectedTokenIsNeitherRetriedNorShownEvenWhenTheServerEchoesIt() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(401)
                .withBody("invalid bearer token " + TOKEN)));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("bearer-token", TOKEN)))) {
            Throwable t = catchThrowable(() -> source.fetch(CHECKOUT, "q", Aggregation.SUM, WINDOW));
            assertThat(t).hasMessage("reading history for service=prod/checkout from " + wm.baseUrl()
                    + ": HTTP 401: invalid bearer token <redacted> (check prewarm.prometheus.bearer-token,"
                    + " basic-auth or headers) (query: q)");
            assertThat(stackText(t)).doesNotContain(TOKEN);
        }
        wm.server.verify(1, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void aPasswordEchoedInAServerErrorIsRedacted() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(500)
                .withBody(PromJson.error("internal", "auth proxy got password " + PASSWORD))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("basic-auth.username", "u",
                "basic-auth.password", PASSWORD)))) {
            Throwable t = catchThrowable(() -> source.fetch(CHECKOUT, "q", Aggregation.SUM, WINDOW));
            assertThat(t.getMessage()).contains("auth proxy got password <redacted>").doesNotContain(PASSWORD);
        }
    }

    @Test
    void settingsNeverPrintCredentialsOrHeaderValues() {
        PrometheusConfig s = PrometheusConfigs.of(Map.of("bearer-token", TOKEN,
                "headers.X-Scope-OrgID", "tenant-secretish"));
        PrometheusConfig b = PrometheusConfigs.of(Map.of("basic-auth.username", "u", "basic-auth.password", PASSWORD));
        assertThat(s.toString()).doesNotContain(TOKEN).doesNotContain("tenant-secretish");
        assertThat(b.toString()).doesNotContain(PASSWORD);
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("bearer-token", TOKEN, "bearer-token-file", "/t")))
                .hasMessageContaining("not both").satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aUrlCarryingCredentialsIsRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> PrometheusMetricsSource.create(
                URI.create("http://admin:" + PASSWORD + "@localhost:9090"), PrometheusConfigs.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(PASSWORD)
                .hasMessageContaining("must not carry credentials");
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
