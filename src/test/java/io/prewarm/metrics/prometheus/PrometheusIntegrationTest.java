package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a real Prometheus 2.42: history written as OpenMetrics, backfilled with promtool, served by a
 * Prometheus this test starts, read back through {@link PrometheusMetricsSource} and compared sample by
 * sample. Skips when the binaries are absent, unless {@code -Dprewarm.requireTools=true}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIntegrationTest {
    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(1);
    static final int POINTS = 8 * 1440; // 11,520: more than one request holds
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(STEP.multipliedBy(POINTS)), STEP);
    /** Prometheus 2.x fills a point from the latest sample up to 5 minutes before it, both ends included. */
    static final int LOOKBACK_POINTS = 5;
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");
    static final String METRIC = "it_requests_per_second";

    @TempDir
    static Path dir;
    static LocalPrometheus prometheus;
    static double[] podA;
    static double[] podB;

    @BeforeAll
    static void backfillAndStart() throws Exception {
        LocalPrometheus.require();
        Random rnd = new Random(20261001);
        podA = new double[POINTS];
        podB = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            podA[i] = 100 + 50 * Math.sin(2 * Math.PI * i / 1440) + rnd.nextGaussian() * 3;
            podB[i] = i < 1440 || i >= 10_000 ? Double.NaN : 40 + rnd.nextDouble() * 10; // a pod that comes and goes
        }
        Arrays.fill(podA, 3000, 3030, Double.NaN); // a 30-minute scrape outage: a real gap
        Arrays.fill(podA, 5000, 5003, Double.NaN); // 3 minutes: Prometheus' lookback bridges it
        podB[2000] = Double.POSITIVE_INFINITY;
        podB[2001] = Double.NEGATIVE_INFINITY;
        Path om = dir.resolve("history.om.txt");
        try (Writer w = Files.newBufferedWriter(om)) {
            OpenMetricsWriter.write(w, List.of(
                    new OpenMetricsWriter.Series(METRIC, Map.of("environment", "prod", "service", "checkout", "pod", "a"),
                            new TimeSeries(T0, STEP, podA)),
                    new OpenMetricsWriter.Series(METRIC, Map.of("environment", "prod", "service", "checkout", "pod", "b"),
                            new TimeSeries(T0, STEP, podB))), OpenMetricsWriter.Missing.SKIP);
        }
        Path data = dir.resolve("data");
        LocalPrometheus.backfill(om, data);
        prometheus = LocalPrometheus.start(data);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** What Prometheus answers at each point: the latest sample within the lookback; infinities are then dropped. */
    static double[] served(double[] written) {
        double[] out = new double[written.length];
        for (int i = 0; i < written.length; i++) {
            out[i] = Double.NaN;
            for (int j = i; j >= Math.max(0, i - LOOKBACK_POINTS); j--) {
                if (!Double.isNaN(written[j])) {
                    out[i] = Double.isInfinite(written[j]) ? Double.NaN : written[j];
                    break;
                }
            }
        }
        return out;
    }

    static PrometheusMetricsSource source(PrometheusConfig settings) {
        return PrometheusMetricsSource.create(prometheus.baseUrl(), settings);
    }

    @Test
    @Order(1)
    void readsBackEveryBackfilledSampleAcrossTheChunkBoundary() {
        try (PrometheusMetricsSource source = source(PrometheusConfigs.defaults())) {
            FetchResult r = source.fetch(CHECKOUT, METRIC + "{pod=\"a\"}", Aggregation.NONE, WINDOW);
            double[] expected = served(podA);
            assertThat(r.series().values()).containsExactly(expected);
            assertThat(r.report().requests()).isEqualTo(2);
            assertThat(r.report().missingSamples()).isEqualTo(30 - LOOKBACK_POINTS);
            assertThat(r.report().longestGap()).isEqualTo(30 - LOOKBACK_POINTS);
            assertThat(r.report().offGridSamples()).isZero();
        }
    }

    @Test
    @Order(2)
    void smallChunksStitchToTheSameSeries() {
        PrometheusConfig small = PrometheusConfigs.of(Map.of("max-points-per-request", "1000"));
        try (PrometheusMetricsSource a = source(small); PrometheusMetricsSource b = source(PrometheusConfigs.defaults())) {
            FetchResult chunked = a.fetch(CHECKOUT, METRIC + "{pod=\"a\"}", Aggregation.NONE, WINDOW);
            assertThat(chunked.report().requests()).isEqualTo(12);
            assertThat(chunked.series()).isEqualTo(b.fetch(CHECKOUT, METRIC + "{pod=\"a\"}", Aggregation.NONE, WINDOW).series());
        }
    }

    @Test
    @Order(3)
    void sumsPodsThatComeAndGoAndDropsInfiniteSamples() {
        double[] a = served(podA);
        double[] b = served(podB);
        double[] expected = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            expected[i] = Double.isNaN(a[i]) ? b[i] : Double.isNaN(b[i]) ? a[i] : a[i] + b[i];
        }
        try (PrometheusMetricsSource source = source(PrometheusConfigs.defaults())) {
            FetchResult r = source.fetch(CHECKOUT, METRIC + "{service=\"checkout\"}", Aggregation.SUM, WINDOW);
            assertThat(r.series().values()).containsExactly(expected);
            assertThat(r.report().series()).isEqualTo(2);
            assertThat(r.report().infiniteSamples()).isEqualTo(2);
        }
    }

    @Test
    @Order(4)
    void infinityFromTheServerIsReadAndCountedAsMissing() {
        try (PrometheusMetricsSource source = source(PrometheusConfigs.defaults())) {
            FetchResult r = source.fetch(CHECKOUT, METRIC + "{pod=\"a\"} / 0", Aggregation.NONE, WINDOW);
            long present = Arrays.stream(served(podA)).filter(v -> !Double.isNaN(v)).count();
            assertThat(r.report().infiniteSamples()).isEqualTo(present);
            assertThat(r.report().missingSamples()).isEqualTo(POINTS);
        }
    }

    @Test
    @Order(5)
    void theRealServerAcceptsElevenThousandOnePointsAndRefusesOneMore() throws Exception {
        PrometheusConfig max = PrometheusConfigs.of(Map.of("max-points-per-request", "11001"));
        try (PrometheusMetricsSource source = source(max)) {
            assertThat(source.fetch(CHECKOUT, METRIC + "{pod=\"a\"}", Aggregation.NONE, WINDOW).series().values())
                    .containsExactly(served(podA));
        }
        String form = "query=" + METRIC + "&start=" + Grid.seconds(T0.toEpochMilli()) + "&end="
                + Grid.seconds(T0.toEpochMilli() + 11_001L * 60_000) + "&step=60";
        HttpResponse<String> tooMany = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        prometheus.baseUrl().resolve("/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("exceeded maximum resolution of 11,000 points per timeseries");
    }

    @Test
    @Order(6)
    void aPromqlErrorFromTheRealServerIsShownWithServiceAndQuery() {
        try (PrometheusMetricsSource source = source(PrometheusConfigs.defaults())) {
            assertThatThrownBy(() -> source.fetch(CHECKOUT, "sum(" + METRIC + "{)", Aggregation.SUM, WINDOW))
                    .hasMessageStartingWith("reading history for service=prod/checkout from " + prometheus.baseUrl()
                            + ": HTTP 400 bad_data: 1:28: parse error: unexpected character inside braces: ')'")
                    .hasMessageEndingWith("(query: sum(" + METRIC + "{))");
        }
    }

    @Test
    @Order(7)
    void readsCurrentValuesWithInstantQueries() {
        try (PrometheusMetricsSource source = source(PrometheusConfigs.defaults())) {
            assertThat(source.current(CHECKOUT, "vector(3)")).hasValue(3);
            assertThat(source.current(CHECKOUT, "scalar(vector(7))")).hasValue(7);
            // The backfilled history is weeks old: nothing is current.
            assertThat(source.current(CHECKOUT, "sum(" + METRIC + ")")).isEmpty();
        }
    }

    @Test
    @Order(100)
    void aServerKilledMidRunFailsTheServiceNamingItAndTheServer() {
        PrometheusConfig fast = PrometheusConfigs.of(Map.of("retry.max-attempts", "2",
                "retry.initial-backoff", "10ms", "retry.max-backoff", "20ms"));
        try (PrometheusMetricsSource source = source(fast)) {
            assertThat(source.fetch(CHECKOUT, METRIC + "{pod=\"a\"}", Aggregation.NONE, WINDOW).series().size())
                    .isEqualTo(POINTS);
            URI server = prometheus.baseUrl();
            prometheus.close();
            assertThatThrownBy(() -> source.fetch(ServiceKey.of("prod", "search"), METRIC, Aggregation.SUM, WINDOW))
                    .hasMessage("reading history for service=prod/search from " + server
                            + ": connection refused (after 2 attempts) (query: " + METRIC + ")");
        }
    }
}
