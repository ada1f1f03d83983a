package io.prewarm.bench;

import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link MetricsSource} that remembers every range read the run makes, so the benchmark can send the
 * same requests again with a plain JDK HTTP client and time Prometheus alone.
 */
final class QueryLog implements MetricsSource {
    /** One range read: the query and the window, as the run asked for them. */
    record Read(String query, TimeWindow window) {
    }

    private final MetricsSource delegate;
    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();

    QueryLog(MetricsSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
        reads.add(new Read(policy.demand().query(), window));
        return delegate.demand(policy, window);
    }

    @Override
    public TimeSeries series(ServicePolicy policy, String query, TimeWindow window) {
        reads.add(new Read(query, window));
        return delegate.series(policy, query, window);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    List<Read> reads() {
        return List.copyOf(reads);
    }

    /** What replaying the reads cost: requests, seconds, bytes received, and non-200 answers. */
    record Replay(int requests, double seconds, long bytes, int failures) {
    }

    /**
     * Sends every read again, one request at a time, exactly as the Prometheus adapter sends it: a form
     * POST to {@code /api/v1/query_range}, split into chunks of at most {@code maxPoints} points, with the
     * same timeout parameter; the bodies are read in full and dropped.
     */
    static Replay replay(URI baseUrl, List<Read> reads, int maxPoints, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI endpoint = baseUrl.resolve("/api/v1/query_range");
        List<String> forms = new ArrayList<>();
        for (Read r : reads) {
            long start = r.window().start().toEpochMilli();
            long step = r.window().step().toMillis();
            int size = (int) ((r.window().end().toEpochMilli() - start) / step);
            for (int from = 0; from < size; from += maxPoints) {
                int to = Math.min(size, from + maxPoints);
                forms.add("query=" + URLEncoder.encode(r.query(), StandardCharsets.UTF_8)
                        + "&start=" + seconds(start + from * step) + "&end=" + seconds(start + (to - 1) * step)
                        + "&step=" + seconds(step) + "&timeout=" + seconds(timeout.toMillis()));
            }
        }
        long bytes = 0;
        int failures = 0;
        long t0 = System.nanoTime();
        for (String form : forms) {
            HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(timeout.plusSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            try {
                HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                bytes += resp.body().length;
                failures += resp.statusCode() == 200 ? 0 : 1;
            } catch (java.io.IOException e) {
                failures++;
            }
        }
        return new Replay(forms.size(), (System.nanoTime() - t0) / 1e9, bytes, failures);
    }

    /** Unix seconds with milliseconds, as the adapter writes them. */
    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
