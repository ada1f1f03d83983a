package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.ReadEvents;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Demand history from a Prometheus-compatible server over its HTTP API. Long ranges are split into
 * chunks Prometheus accepts and stitched onto the window's grid; several series are combined as the
 * policy says; missing samples stay NaN and are counted in a {@link FetchReport}. Thread-safe: call it
 * from as many threads as there are services, the in-flight limit and the circuit breaker are shared.
 */
public final class PrometheusMetricsSource implements MetricsSource, AutoCloseable {
    private static final int LABEL_SETS_SHOWN = 5;

    private final String server;
    private final Transport transport;
    private final RequestGuard executor;
    private final Credentials credentials;
    private final int maxPoints;
    private final String timeout;
    private final ConcurrentMap<ServiceKey, FetchReport> reports = new ConcurrentHashMap<>();

    PrometheusMetricsSource(URI baseUrl, Transport transport, PrometheusConfig settings, Credentials credentials) {
        this.server = display(baseUrl);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = credentials;
        this.maxPoints = settings.maxPointsPerRequest();
        this.timeout = Grid.seconds(settings.readTimeout().toMillis());
        this.executor = new RequestGuard(settings);
    }

    /**
     * A source for the server at {@code baseUrl} (for example {@code http://prometheus:9090} or a Thanos or
     * Mimir prefix such as {@code https://mimir/prometheus}), without CDI.
     *
     * @throws IllegalArgumentException for a URL that is not http(s), carries credentials, or settings
     *                                  that cannot work (see {@link PrometheusConfigs#check}) or whose token or CA file cannot be read
     */
    public static PrometheusMetricsSource create(URI baseUrl, PrometheusConfig settings) {
        PrometheusConfigs.check(settings);
        URI base = checkBaseUrl(baseUrl);
        Credentials credentials = Credentials.resolve(settings);
        return new PrometheusMetricsSource(base, RestClientTransport.create(base, settings, credentials), settings,
                credentials);
    }

    @Override
    public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
        return fetch(policy, window).series();
    }

    /** The demand history and the report on its completeness. */
    public FetchResult fetch(ServicePolicy policy, TimeWindow window) {
        ServicePolicy.Demand d = policy.demand();
        return fetch(policy.key(), d.query(), d.aggregation(), window);
    }

    /**
     * Reads {@code query} over {@code window} for {@code service}.
     *
     * @throws MetricsException naming the service, the server and the query
     */
    @Override
    public TimeSeries series(ServicePolicy policy, String query, TimeWindow window) {
        return fetch(policy.key(), query, Aggregation.SUM, window).series();
    }

    /** Reports read failures and retries to {@code events} (prewarm's own metrics). */
    public PrometheusMetricsSource reportTo(ReadEvents events) {
        executor.reportTo(events);
        return this;
    }

    public FetchResult fetch(ServiceKey service, String query, Aggregation aggregation, TimeWindow window) {
        String context = "reading history for service=" + service + " from " + server;
        Grid grid;
        try {
            grid = Grid.of(window);
        } catch (IllegalArgumentException e) {
            throw failure(context, e.getMessage(), query);
        }
        SeriesAccumulator acc = new SeriesAccumulator(grid);
        RequestGuard.Counters counters = new RequestGuard.Counters();
        Set<String> warnings = new LinkedHashSet<>();
        String step = Grid.seconds(grid.stepMs());
        for (Grid.Chunk chunk : grid.chunks(maxPoints)) {
            String start = Grid.seconds(grid.timeAt(chunk.from()));
            String end = Grid.seconds(grid.timeAt(chunk.to() - 1));
            Transport.Reply reply = call(context, query,
                    () -> transport.queryRange(query, start, end, step, timeout), counters);
            ResponseParser.Envelope env;
            try {
                env = ResponseParser.parseMatrix(reply.body(), acc);
            } catch (IOException | RuntimeException e) {
                executor.report(false, ReadEvents.Cause.BAD_RESPONSE);
                throw failure(context, notJson(reply, e), query);
            }
            checkEnvelope(context, query, env, "matrix");
            warnings.addAll(env.warnings());
        }
        if (acc.seriesCount() == 0) {
            executor.report(false, ReadEvents.Cause.NO_DATA);
            throw failure(context, "query returned no series between " + window.start() + " and " + window.end(), query);
        }
        double[] values;
        try {
            values = acc.combine(aggregation);
        } catch (IllegalStateException e) {
            throw failure(context, "query returned " + acc.seriesCount() + " series but the policy's aggregation is"
                    + " none; use sum or max, or narrow the query. Label sets: " + labelSets(acc.labelSets()), query);
        }
        TimeSeries series = new TimeSeries(window.start(), window.step(), values);
        FetchReport report = new FetchReport(service, server, grid.size(), acc.seriesCount(), counters.requests,
                counters.retries, series.missing(), longestGap(values), acc.infinite(), acc.offGrid(),
                new ArrayList<>(warnings));
        reports.put(service, report);
        Log.debugf("read history %s", report.summary());
        return new FetchResult(series, report);
    }

    /**
     * The current value of an instant query, such as a policy's instance-count query; empty when the query
     * returns nothing or a value that is not finite.
     *
     * @throws MetricsException when the server fails or the query returns several series
     */
    public OptionalDouble current(ServiceKey service, String query) {
        String context = "reading current value for service=" + service + " from " + server;
        Transport.Reply reply = call(context, query, () -> transport.query(query, timeout),
                new RequestGuard.Counters());
        List<ResponseParser.InstantSample> samples = new ArrayList<>();
        ResponseParser.Envelope env;
        try {
            env = ResponseParser.parseInstant(reply.body(), samples);
        } catch (IOException | RuntimeException e) {
            throw failure(context, notJson(reply, e), query);
        }
        checkEnvelope(context, query, env, null);
        if (samples.size() > 1) {
            throw failure(context, "query returned " + samples.size() + " series, expected one; wrap it in sum()."
                    + " Label sets: " + labelSets(samples.stream().map(s -> SeriesAccumulator.promql(s.labels()))
                    .sorted().toList()), query);
        }
        if (samples.isEmpty() || !Double.isFinite(samples.get(0).value())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(samples.get(0).value());
    }

    /** The current instance count from the policy's {@code instanceQuery}; empty when it has none. */
    public OptionalDouble currentInstances(ServicePolicy policy) {
        return policy.demand().instanceQuery().map(q -> current(policy.key(), q)).orElse(OptionalDouble.empty());
    }

    /** The latest report per service read so far, for the run summary. */
    public Map<ServiceKey, FetchReport> reports() {
        return Map.copyOf(reports);
    }

    @Override
    public String describe() {
        return "prometheus " + server;
    }

    @Override
    public void close() {
        transport.close();
    }

    private Transport.Reply call(String context, String query, RequestGuard.Call call,
                                 RequestGuard.Counters counters) {
        try {
            return executor.execute(call, counters);
        } catch (RequestGuard.FailedException e) {
            throw failure(context, e.getMessage(), query);
        }
    }

    private void checkEnvelope(String context, String query, ResponseParser.Envelope env, String resultType) {
        if (!env.success()) {
            throw failure(context, "server answered status=" + env.status()
                    + (env.error() == null ? "" : " " + env.errorType() + ": " + env.error()), query);
        }
        if (resultType != null && !resultType.equals(env.resultType())) {
            throw failure(context, "expected a " + resultType + " result but got " + env.resultType(), query);
        }
    }

    private static String notJson(Transport.Reply reply, Exception e) {
        String body = ResponseParser.snippet(reply.body());
        return "response is not Prometheus JSON (HTTP " + reply.status()
                + (reply.contentType().isEmpty() ? "" : ", " + reply.contentType()) + "): "
                + (body.isEmpty() ? "empty body" : body);
    }

    private MetricsException failure(String context, String cause, String query) {
        return new MetricsException(credentials.redact(context + ": " + cause + " (query: " + query + ")"));
    }

    private static String labelSets(List<String> sets) {
        String shown = String.join(", ", sets.subList(0, Math.min(LABEL_SETS_SHOWN, sets.size())));
        return sets.size() > LABEL_SETS_SHOWN ? shown + " and " + (sets.size() - LABEL_SETS_SHOWN) + " more" : shown;
    }

    private static int longestGap(double[] values) {
        int longest = 0;
        int run = 0;
        for (double v : values) {
            run = Double.isNaN(v) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static URI checkBaseUrl(URI url) {
        Objects.requireNonNull(url, "baseUrl");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("metrics server URL must be http(s)://host[:port][/prefix], got '"
                    + display(url) + "'");
        }
        if (url.getRawUserInfo() != null) {
            // Never echo the user info: it is a credential.
            throw new IllegalArgumentException("metrics server URL must not carry credentials; set"
                    + " prewarm.prometheus.basic-auth.username and password instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("metrics server URL must not have a query or fragment, got '"
                    + display(url) + "'");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + url.getRawAuthority() + path);
    }

    /** scheme://host:port/path, without user info, query or fragment. */
    static String display(URI url) {
        if (url.getHost() == null) {
            return url.getScheme() == null ? "<no scheme>" : url.getScheme() + ":...";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", ""));
    }
}
