package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.TimeSeries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The bundled demo history: four weeks at a 5-minute step for each demo service, with a daily and a
 * weekly shape, a holiday (US Thanksgiving, 2026-11-26), a weekly marketing e-mail burst and an incident
 * gap. It was made by {@code DemoHistoryGenerator} (test sources) and is shipped as gzipped CSV under
 * {@code /demo/history/}; the demo policies in {@code policies/} read it.
 */
public final class DemoHistory {
    /** First sample (inclusive). */
    public static final Instant START = Instant.parse("2026-10-31T00:00:00Z");
    /** End of the data (exclusive). */
    public static final Instant END = Instant.parse("2026-11-28T00:00:00Z");
    /** Spacing of the samples. */
    public static final Duration STEP = Duration.ofMinutes(5);
    /** The gauge every demo service exports, labelled with environment and service. */
    public static final String METRIC = "demo_http_requests_per_second";

    /** The demo services (one per example policy in {@code policies/}). */
    public static final List<ServiceKey> SERVICES = List.of(
            ServiceKey.of("prod", "checkout"),
            ServiceKey.of("prod", "search"),
            ServiceKey.of("staging", "reports"),
            ServiceKey.of("prod", "catalog"),
            ServiceKey.of("prod", "billing"));

    private DemoHistory() {
    }

    /**
     * One demo series.
     *
     * @param environment environment label
     * @param service     service label
     * @param metric      metric name ({@value #METRIC})
     * @param labels      all labels (environment, service)
     * @param values      the samples from {@link #START} to {@link #END}
     */
    public record Series(String environment, String service, String metric, Map<String, String> labels,
                         TimeSeries values) {
        public Series {
            Objects.requireNonNull(values, "values");
            labels = Map.copyOf(labels);
        }
    }

    /** Every demo series, in {@link #SERVICES} order. */
    public static List<Series> all() {
        return SERVICES.stream().map(k -> find(k).orElseThrow()).toList();
    }

    /** The demo series of a service, if it is a demo service. */
    public static Optional<Series> find(ServiceKey key) {
        if (!SERVICES.contains(key)) {
            return Optional.empty();
        }
        CsvHistory.Samples samples = samples(key);
        int n = (int) (Duration.between(START, END).getSeconds() / STEP.getSeconds());
        TimeSeries ts = samples.onGrid(START, STEP, n, 0);
        return Optional.of(new Series(key.environment().value(), key.service().value(), METRIC,
                Map.of("environment", key.environment().value(), "service", key.service().value()), ts));
    }

    /** The raw samples of a demo service, as bundled. */
    static CsvHistory.Samples samples(ServiceKey key) {
        String resource = resource(key);
        try (InputStream raw = DemoHistory.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new MetricsException("reading demo history: resource " + resource + " is missing from the build");
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.UTF_8))) {
                return CsvHistory.read(in, resource);
            }
        } catch (IOException e) {
            throw new MetricsException("reading demo history " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Classpath location of a demo service's history. */
    public static String resource(ServiceKey key) {
        return "/demo/history/" + key.environment().value() + "-" + key.service().value() + ".csv.gz";
    }
}
