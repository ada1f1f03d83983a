package io.prewarm.metrics.prometheus;

import io.prewarm.common.Configs;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of {@link PrometheusConfig} that a type cannot express (ranges, one credential at a time), and the
 * mapping built without CDI for the CLI's adapters and tests. Messages name the property, never a secret.
 */
public final class PrometheusConfigs {
    /** Prometheus rejects a range query whose {@code (end - start) / step} exceeds this. */
    public static final int PROMETHEUS_MAX_INTERVALS = 11_000;

    private PrometheusConfigs() {
    }

    /**
     * The checked mapping with its defaults, overridden by {@code values} (names relative to
     * {@code prewarm.prometheus}, for example {@code retry.max-attempts}).
     */
    public static PrometheusConfig of(Map<String, String> values) {
        return check(Configs.mapping(PrometheusConfig.class, values));
    }

    /** The documented defaults. */
    public static PrometheusConfig defaults() {
        return of(Map.of());
    }

    /**
     * {@code c}, once its values are known to work together.
     *
     * @throws IllegalArgumentException naming the property of the first value that cannot work
     */
    public static PrometheusConfig check(PrometheusConfig c) {
        positive(c.connectTimeout(), "connect-timeout");
        positive(c.readTimeout(), "read-timeout");
        positive(c.retry().initialBackoff(), "retry.initial-backoff");
        positive(c.retry().maxBackoff(), "retry.max-backoff");
        positive(c.circuitBreaker().openFor(), "circuit-breaker.open-for");
        check(c.maxInFlight() >= 1, "max-in-flight must be at least 1, got " + c.maxInFlight());
        check(c.maxPointsPerRequest() >= 2 && c.maxPointsPerRequest() <= PROMETHEUS_MAX_INTERVALS + 1,
                "max-points-per-request must be between 2 and 11001, got " + c.maxPointsPerRequest());
        check(c.retry().maxAttempts() >= 1, "retry.max-attempts must be at least 1, got " + c.retry().maxAttempts());
        double jitter = c.retry().jitter();
        check(jitter >= 0 && jitter <= 1, "retry.jitter must be between 0 and 1, got " + jitter);
        int threshold = c.circuitBreaker().failureThreshold();
        check(threshold >= 1, "circuit-breaker.failure-threshold must be at least 1, got " + threshold);
        check(bearerToken(c).isEmpty() || c.bearerTokenFile().isEmpty(),
                "set bearer-token or bearer-token-file, not both");
        check(c.basicAuth().password().isEmpty() || basicUsername(c).isPresent(),
                "basic-auth.password is set without basic-auth.username");
        c.headers().keySet().forEach(h -> check(h.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"),
                "invalid header name '" + h + "'"));
        return c;
    }

    /** The bearer token; a blank one counts as unset. */
    static Optional<String> bearerToken(PrometheusConfig c) {
        return c.bearerToken().filter(t -> !t.isBlank());
    }

    /** The basic-auth user; a blank one counts as unset. */
    static Optional<String> basicUsername(PrometheusConfig c) {
        return c.basicAuth().username().filter(u -> !u.isBlank());
    }

    private static void positive(Duration d, String name) {
        check(!d.isNegative() && !d.isZero(), name + " must be positive, got " + d);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("configuring prewarm.prometheus: " + message);
        }
    }
}
