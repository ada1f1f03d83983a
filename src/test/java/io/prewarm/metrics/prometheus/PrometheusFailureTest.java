package io.prewarm.metrics.prometheus;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each failure mode of the issue against a WireMock Prometheus: what is retried, what is not, what the message says. */
@QuarkusTest
class PrometheusFailureTest {
    static final String RANGE = "/api/v1/query_range";
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");
    static final String QUERY = "sum(rate(http_requests_total{service=\"checkout\"}[5m]))";
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(Duration.ofMinutes(3)), Duration.ofMinutes(1));
    static final String OK = PromJson.matrix(PromJson.series(Map.of(), T0.toEpochMilli(), 60_000, "1", "2", "3"));

    final WireMockSupport wm = new WireMockSupport();

    @BeforeEach
    void start() {
        wm.server.start();
    }

    @AfterEach
    void stop() {
        wm.server.stop();
    }

    private String prefix() {
        return "reading history for service=prod/checkout from " + wm.baseUrl() + ": ";
    }

    private void failThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... failures) {
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "attempt-" + (i + 2);
            wm.server.stubFor(post(urlEqualTo(RANGE)).inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(failures[i]).willSetStateTo(next));
            state = next;
        }
        wm.server.stubFor(post(urlEqualTo(RANGE)).inScenario("flaky").whenScenarioStateIs(state).willReturn(okJson(OK)));
    }

    @Test
    void retriesAndFailuresAreReportedByCause() {
        failThenSucceed(aResponse().withStatus(503).withBody(PromJson.error("unavailable", "shutting down")),
                aResponse().withStatus(429).withBody("slow down"));
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.prewarm.metrics.ReadEvents sink = new io.prewarm.metrics.ReadEvents() {
            @Override
            public void readFailed(Cause cause) {
                events.add("failed/" + cause.label());
            }

            @Override
            public void readRetried(Cause cause) {
                events.add("retried/" + cause.label());
            }
        };
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            source.reportTo(sink).fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW);
            wm.server.resetAll();
            wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(422)
                    .withBody(PromJson.error("execution", "many-to-many matching not allowed"))));
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .isInstanceOf(io.prewarm.metrics.MetricsException.class);
        }
        assertThat(events).containsExactly("retried/server_error", "retried/rate_limited", "failed/client_error");
    }

    @Test
    void retriesServerErrorsWithGrowingJitteredBackoffThenSucceeds() {
        failThenSucceed(aResponse().withStatus(503).withBody(PromJson.error("unavailable", "shutting down")),
                aResponse().withStatus(502).withBody("<html>bad gateway</html>"));
        long start = System.nanoTime();
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            FetchResult r = source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW);
            assertThat(r.series().values()).containsExactly(1, 2, 3);
            assertThat(r.report().retries()).isEqualTo(2);
        }
        wm.server.verify(3, postRequestedFor(urlEqualTo(RANGE)));
        // initial 20 ms then 40 ms, each reduced by up to half at random (RetryDelaysTest pins the values)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(10 + 20));
    }

    @Test
    void retriesTooManyRequestsHonouringRetryAfterUpToTheMaximumBackoff() {
        failThenSucceed(aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(429).withHeader("Retry-After", "3600"));
        // without Retry-After the waits would be 20 and 40 ms; with it, each is the maximum backoff of 300 ms
        long start = System.nanoTime();
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("retry.max-backoff", "300ms")))) {
            assertThat(source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW).series().values()).containsExactly(1, 2, 3);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(600), Duration.ofSeconds(10));
    }

    @Test
    void givesUpAfterTheLastAttemptNamingServiceServerStatusAndQuery() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(500)
                .withBody(PromJson.error("internal", "storage is on fire"))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .isInstanceOf(MetricsException.class)
                    .hasMessage(prefix() + "HTTP 500 internal: storage is on fire (after 3 attempts) (query: " + QUERY + ")");
        }
        wm.server.verify(3, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void badDataIsNotRetriedAndShowsThePromqlError() {
        String error = "invalid parameter \\\"query\\\": 1:5: parse error: unexpected \\\"}\\\"";
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + error + "\"}")));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, "sum(x{)", Aggregation.SUM, WINDOW))
                    .hasMessage(prefix() + "HTTP 400 bad_data: invalid parameter \"query\": 1:5: parse error: "
                            + "unexpected \"}\" (query: sum(x{))");
        }
        wm.server.verify(1, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void unprocessableQueryIsNotRetried() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(422)
                .withBody(PromJson.error("execution", "query processing would load too many samples into memory"))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessageStartingWith(prefix() + "HTTP 422 execution: query processing would load too many")
                    .hasMessageEndingWith("(query: " + QUERY + ")");
        }
        wm.server.verify(1, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void aSuccessfulStatusWithABodyThatIsNotJsonIsAnErrorShowingTheBodyStart() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>\n<body>Please log in</body></html>")));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessage(prefix() + "response is not Prometheus JSON (HTTP 200, text/html): "
                            + "<html> <body>Please log in</body></html> (query: " + QUERY + ")");
        }
        wm.server.verify(1, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void truncatedJsonIsAnError() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(OK.substring(0, OK.length() / 2))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessageStartingWith(prefix() + "response is not Prometheus JSON (HTTP 200");
        }
    }

    @Test
    void aTimeoutIsRetriedAndReported() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(OK).withFixedDelay(2_000)));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessage(prefix() + "timed out after 700 ms (after 3 attempts) (query: " + QUERY + ")");
        }
        wm.server.verify(3, postRequestedFor(urlEqualTo(RANGE)));
    }

    @Test
    void aConnectionResetIsRetried() {
        failThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThat(source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW).report().retries()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionNamesTheServer() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port);
        try (PrometheusMetricsSource source = PrometheusMetricsSource.create(dead,
                WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessage("reading history for service=prod/checkout from " + dead
                            + ": connection refused (after 3 attempts) (query: " + QUERY + ")");
        }
    }

    @Test
    void anOpenCircuitStopsHammeringADeadServerUntilItsProbeSucceeds() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(503)));
        PrometheusConfig settings = WireMockSupport.fast(Map.of("circuit-breaker.failure-threshold", "3",
                "circuit-breaker.open-for", "30s"));
        try (PrometheusMetricsSource source = wm.source(settings)) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessageContaining("HTTP 503 with an empty body (after 3 attempts)");
            assertThatThrownBy(() -> source.fetch(ServiceKey.of("prod", "search"), QUERY, Aggregation.SUM, WINDOW))
                    .hasMessage("reading history for service=prod/search from " + wm.baseUrl() + ": circuit open after"
                            + " 3 consecutive failures (last: HTTP 503 with an empty body); not contacting the server"
                            + " for 30s (query: " + QUERY + ")");
            wm.server.verify(3, postRequestedFor(urlEqualTo(RANGE)));

        }
    }

    @Test
    void anOpenCircuitLetsAProbeThroughOnceItsDelayIsOver() throws InterruptedException {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(aResponse().withStatus(503)));
        PrometheusConfig settings = WireMockSupport.fast(Map.of("circuit-breaker.failure-threshold", "3",
                "circuit-breaker.open-for", "2s"));
        try (PrometheusMetricsSource source = wm.source(settings)) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessageContaining("HTTP 503 with an empty body (after 3 attempts)");
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessageContaining(": circuit open after 3 consecutive failures");
            wm.server.verify(3, postRequestedFor(urlEqualTo(RANGE)));

            wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(OK)));
            Thread.sleep(2_200);
            assertThat(source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW).series().values()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void severalSeriesWithoutAggregationAreAnErrorNamingTheLabelSets() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of("pod", "b", "zone", "x"), T0.toEpochMilli(), 60_000, "1"),
                PromJson.series(Map.of("pod", "a"), T0.toEpochMilli(), 60_000, "1")))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, "http_requests", Aggregation.NONE, WINDOW))
                    .hasMessage(prefix() + "query returned 2 series but the policy's aggregation is none; use sum or"
                            + " max, or narrow the query. Label sets: {pod=\"a\"}, {pod=\"b\", zone=\"x\"}"
                            + " (query: http_requests)");
        }
    }

    @Test
    void aQueryThatMatchesNothingIsAnError() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix())));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, QUERY, Aggregation.SUM, WINDOW))
                    .hasMessage(prefix() + "query returned no series between 2026-11-01T00:00:00Z and"
                            + " 2026-11-01T00:03:00Z (query: " + QUERY + ")");
        }
    }

    @Test
    void anInstantQueryWithSeveralSeriesIsAnError() {
        wm.server.stubFor(post(urlEqualTo("/api/v1/query")).willReturn(okJson(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"az\":\"a\"},\"value\":[1,\"3\"]},{\"metric\":{\"az\":\"b\"},\"value\":[1,\"4\"]}]}}")));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThatThrownBy(() -> source.current(CHECKOUT, "count by (az) (up)"))
                    .hasMessage("reading current value for service=prod/checkout from " + wm.baseUrl()
                            + ": query returned 2 series, expected one; wrap it in sum(). Label sets: {az=\"a\"},"
                            + " {az=\"b\"} (query: count by (az) (up))");
        }
    }
}
