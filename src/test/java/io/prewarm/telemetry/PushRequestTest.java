package io.prewarm.telemetry;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP request a push makes: path prefix, grouping key, method, text format, bearer token. */
class PushRequestTest {
    WireMockServer server;
    PrometheusRegistry registry;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        registry = new PrometheusRegistry();
        PrewarmMetrics.register(registry).gitPushRetried();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    TelemetryConfig settings(String path) {
        return TelemetryConfigs.in(Path.of("target/unused"), Map.of("prewarm.pushgateway.url", server.baseUrl() + path,
                "prewarm.pushgateway.token", "s3cret-token", "prewarm.pushgateway.grouping.repository", "infra-live",
                "prewarm.pushgateway.timeout", "5s", "prewarm.audit.actor", "ci"));
    }

    @Test
    void successfulRunPutsTheTextFormatUnderThePathPrefixWithTheToken() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        MetricsExport.export(registry, settings("/pgw/"), true);
        server.verify(putRequestedFor(urlEqualTo("/pgw/metrics/job/prewarm-plan/repository/infra-live"))
                .withHeader("Authorization", equalTo("Bearer s3cret-token"))
                .withHeader("Content-Type", containing("text/plain"))
                .withRequestBody(containing("prewarm_git_push_retries_total 1.0")));
    }

    @Test
    void failedRunPostsSoThatOtherMetricsOfTheGroupSurvive() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        MetricsExport.export(registry, settings(""), false);
        server.verify(postRequestedFor(urlEqualTo("/metrics/job/prewarm-plan/repository/infra-live")));
    }

    @Test
    void aRejectedPushNamesTheGatewayButNotTheToken() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withBody("bad token")));
        assertThatThrownBy(() -> MetricsExport.export(registry, settings(""), true))
                .hasMessageStartingWith("pushing metrics to " + server.baseUrl())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
