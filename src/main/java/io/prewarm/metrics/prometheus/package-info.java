/**
 * Prometheus HTTP API adapter behind {@link io.prewarm.metrics.MetricsSource}: range queries over the
 * Quarkus REST client, chunking to the server's 11,000-point limit, streaming JSON parsing, retries with
 * seeded jitter, a circuit breaker and an in-flight limit on a SmallRye Fault Tolerance guard
 * ({@link io.prewarm.metrics.prometheus.RequestGuard}), and a {@link io.prewarm.metrics.prometheus.FetchReport}
 * of gaps.
 * Entry points: {@link io.prewarm.metrics.prometheus.PrometheusMetricsSource#create} (no CDI, with
 * {@link io.prewarm.metrics.prometheus.PrometheusConfigs#of} for the configuration) and
 * {@link io.prewarm.metrics.prometheus.PrometheusSourceFactory} (CDI, {@code prewarm.prometheus.*}).
 */
package io.prewarm.metrics.prometheus;
