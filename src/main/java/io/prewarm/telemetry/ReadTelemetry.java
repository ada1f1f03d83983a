package io.prewarm.telemetry;

import io.prewarm.metrics.ReadEvents;

import java.util.Objects;

/** Counts Prometheus read failures and retries reported by the metrics adapter. */
public final class ReadTelemetry implements ReadEvents {
    private final PrewarmMetrics metrics;

    public ReadTelemetry(PrewarmMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void readFailed(Cause cause) {
        metrics.readErrors.labelValues(cause.label()).inc();
    }

    @Override
    public void readRetried(Cause cause) {
        metrics.readRetries.labelValues(cause.label()).inc();
    }
}
