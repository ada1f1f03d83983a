package io.prewarm.metrics;

import java.util.Locale;

/**
 * What a {@link MetricsSource} adapter reports about its requests, for prewarm's own metrics
 * ({@code prewarm_prometheus_read_errors_total}, {@code prewarm_prometheus_read_retries_total}). The
 * adapter owns this port so that it never depends on telemetry; the default is {@link #NONE}.
 * Implementations are thread-safe and never throw.
 */
public interface ReadEvents {
    /** Ignores everything. */
    ReadEvents NONE = new ReadEvents() {
    };

    /** Why a request failed or was repeated: a small, fixed set, so it can be a metric label. */
    enum Cause {
        /** The request timed out. */
        TIMEOUT,
        /** Connecting failed (refused, reset, DNS, TLS). */
        CONNECTION,
        /** HTTP 429. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** Another HTTP 4xx (bad query, authentication). */
        CLIENT_ERROR,
        /** The response was not the JSON the API promises. */
        BAD_RESPONSE,
        /** The query returned no series. */
        NO_DATA,
        /** The circuit breaker is open; no request was sent. */
        CIRCUIT_OPEN;

        /** The label value: lowercase. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A request failed for good (no retry left, or not retryable). */
    default void readFailed(Cause cause) {
    }

    /** A request failed and will be repeated. */
    default void readRetried(Cause cause) {
    }
}
