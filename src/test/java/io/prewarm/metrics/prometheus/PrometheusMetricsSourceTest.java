package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading, chunking and aggregation against a WireMock Prometheus (the REST client needs Quarkus). */
@QuarkusTest
class PrometheusMetricsSourceTest {
    static final String RANGE = "/api/v1/query_range";
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");
    static final String QUERY = "sum(rate(http_requests_total{service=\"checkout\"}[5m]))";
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final long T0_MS = T0.toEpochMilli();
    static final long MIN = 60_000;

    final WireMockSupport wm = new WireMockSupport();

    @BeforeEach
    void start() {
        wm.server.start();
    }

    @AfterEach
    void stop() {
        wm.server.stop();
    }

    static TimeWindow minutes(int n) {
        return new TimeWindow(T0, T0.plus(Duration.ofMinutes(n)), Duration.ofMinutes(1));
    }

    @Test
    void mapsSamplesOntoTheWindowGridWithAbsentNaNAndInfiniteSamplesMissing() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix(PromJson.series(Map.of(), T0_MS, MIN,
                "1", "2.5", null, "NaN", "+Inf", "-Inf", "7", "8e3", null, "10")))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            FetchResult r = source.fetch(CHECKOUT, QUERY, Aggregation.NONE, minutes(10));

            assertThat(r.series().start()).isEqualTo(T0);
            assertThat(r.series().step()).isEqualTo(Duration.ofMinutes(1));
            assertThat(r.series().values()).containsExactly(1, 2.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    7, 8000, Double.NaN, 10);
            assertThat(r.report().missingSamples()).isEqualTo(5);
            assertThat(r.report().infiniteSamples()).isEqualTo(2);
            assertThat(r.report().longestGap()).isEqualTo(4);
            assertThat(r.report().requests()).isEqualTo(1);
            assertThat(source.reports()).containsEntry(CHECKOUT, r.report());
        }
        Map<String, String> form = wm.forms(RANGE).get(0);
        assertThat(form).containsEntry("query", QUERY)
                .containsEntry("start", PromJson.ts(T0_MS))
                .containsEntry("end", PromJson.ts(T0_MS + 9 * MIN))
                .containsEntry("step", "60")
                .containsEntry("timeout", "0.7");
    }

    @Test
    void splitsLongRangesIntoChunksStitchedWithoutDuplicateOrMissingSamples() {
        // 10 points, at most 4 per request: [0,4) [4,8) [8,10); each chunk answers exactly its points.
        int[][] chunks = {{0, 4}, {4, 8}, {8, 10}};
        for (int[] c : chunks) {
            String[] values = new String[c[1] - c[0]];
            for (int i = 0; i < values.length; i++) {
                values[i] = Integer.toString(100 + c[0] + i);
            }
            wm.server.stubFor(post(urlEqualTo(RANGE)).withFormParam("start", equalTo(PromJson.ts(T0_MS + c[0] * MIN)))
                    .withFormParam("end", equalTo(PromJson.ts(T0_MS + (c[1] - 1) * MIN)))
                    .willReturn(okJson(PromJson.matrix(PromJson.series(Map.of(), T0_MS + c[0] * MIN, MIN, values)))));
        }
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast(Map.of("max-points-per-request", "4")))) {
            FetchResult r = source.fetch(CHECKOUT, QUERY, Aggregation.SUM, minutes(10));

            assertThat(r.series().values()).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
            assertThat(r.report().requests()).isEqualTo(3);
            assertThat(r.report().missingSamples()).isZero();
            assertThat(r.report().offGridSamples()).isZero();
        }
        assertThat(wm.forms(RANGE)).hasSize(3);
    }

    @Test
    void everyRangeRequestStaysWithinPrometheusElevenThousandPointLimitAndTheChunksTile() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of(), T0_MS, MIN, "1")))));
        TimeWindow window = new TimeWindow(T0, T0.plus(Duration.ofDays(28)), Duration.ofMinutes(1)); // 40,320 points
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            source.fetch(CHECKOUT, QUERY, Aggregation.SUM, window);
        }
        List<Map<String, String>> forms = wm.forms(RANGE);
        assertThat(forms).hasSize(4);
        long expectedStart = T0_MS;
        for (Map<String, String> f : forms) {
            long start = millis(f.get("start"));
            long end = millis(f.get("end"));
            assertThat(start).isEqualTo(expectedStart);
            assertThat((end - start) / MIN).isLessThanOrEqualTo(11_000);
            expectedStart = end + MIN;
        }
        assertThat(expectedStart).isEqualTo(T0_MS + 40_320 * MIN);
    }

    @Test
    void sumsOrMaxesSeveralSeriesAsThePolicySaysKeepingPointsWhereAnySeriesIsPresent() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of("pod", "a"), T0_MS, MIN, "1", "2", null, null),
                PromJson.series(Map.of("pod", "b"), T0_MS, MIN, "10", null, "30", null)))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThat(source.fetch(CHECKOUT, QUERY, Aggregation.SUM, minutes(4)).series().values())
                    .containsExactly(11, 2, 30, Double.NaN);
            FetchResult max = source.fetch(CHECKOUT, QUERY, Aggregation.MAX, minutes(4));
            assertThat(max.series().values()).containsExactly(10, 2, 30, Double.NaN);
            assertThat(max.report().series()).isEqualTo(2);
        }
    }

    @Test
    void demandFollowsThePolicyQueryAndWindow() {
        wm.server.stubFor(post(urlEqualTo(RANGE)).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of(), T0_MS, MIN, "4", "5")))));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            TimeSeries s = source.demand(TestPolicies.policy("prod", "checkout", QUERY, Aggregation.NONE,
                    Optional.empty()), minutes(2));
            assertThat(s).isEqualTo(new TimeSeries(T0, Duration.ofMinutes(1), new double[] {4, 5}));
            assertThat(source.describe()).isEqualTo("prometheus " + wm.baseUrl());
        }
        assertThat(wm.forms(RANGE).get(0)).containsEntry("query", QUERY);
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() {
        wm.server.stubFor(post(urlEqualTo("/prometheus" + RANGE)).willReturn(okJson(PromJson.matrix(
                PromJson.series(Map.of(), T0_MS, MIN, "4")))));
        try (PrometheusMetricsSource source = PrometheusMetricsSource.create(
                java.net.URI.create(wm.baseUrl() + "/prometheus/"), WireMockSupport.fast())) {
            assertThat(source.fetch(CHECKOUT, QUERY, Aggregation.NONE, minutes(1)).series().values())
                    .containsExactly(4);
        }
    }

    @Test
    void currentValueReadsOneInstantSampleAndIsEmptyWhenThereIsNone() {
        wm.server.stubFor(post(urlEqualTo("/api/v1/query")).withFormParam("query", equalTo("count(up)"))
                .willReturn(okJson(PromJson.vector(Map.of(), T0_MS, "12"))));
        wm.server.stubFor(post(urlEqualTo("/api/v1/query")).withFormParam("query", equalTo("absent_metric"))
                .willReturn(okJson(PromJson.emptyVector())));
        wm.server.stubFor(post(urlEqualTo("/api/v1/query")).withFormParam("query", equalTo("scalar(count(up))"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1.5,\"7\"]}}")));
        try (PrometheusMetricsSource source = wm.source(WireMockSupport.fast())) {
            assertThat(source.current(CHECKOUT, "count(up)")).hasValue(12);
            assertThat(source.current(CHECKOUT, "absent_metric")).isEmpty();
            assertThat(source.current(CHECKOUT, "scalar(count(up))")).hasValue(7);
            assertThat(source.currentInstances(TestPolicies.policy("prod", "checkout", QUERY, Aggregation.SUM,
                    Optional.of("count(up)")))).hasValue(12);
        }
    }

    private static long millis(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(3).longValueExact();
    }
}
