package io.prewarm.metrics.prometheus;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * CDI entry point: opens a {@link PrometheusMetricsSource} for the server named on the command line, with
 * the {@code prewarm.prometheus.*} configuration. The caller closes the source.
 */
@ApplicationScoped
public class PrometheusSourceFactory {
    private final PrometheusConfig config;

    public PrometheusSourceFactory(PrometheusConfig config) {
        this.config = config;
    }

    /** The checked configuration. */
    public PrometheusConfig settings() {
        return PrometheusConfigs.check(config);
    }

    public PrometheusMetricsSource open(URI baseUrl) {
        return PrometheusMetricsSource.create(baseUrl, config);
    }
}
