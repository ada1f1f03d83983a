package io.prewarm.metrics.prometheus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Validated client settings: the plain-Java twin of {@link PrometheusConfig}, so the CLI (or a test) can
 * build a {@link PrometheusMetricsSource} without CDI. {@link #toString()} never shows a credential or
 * a header value.
 *
 * @param connectTimeout      time to open a connection
 * @param readTimeout         time to wait for one response; also the query's {@code timeout} parameter
 * @param maxInFlight         most requests in flight at once
 * @param maxPointsPerRequest most samples per series in one range query (Prometheus allows 11,001)
 * @param maxAttempts         attempts per request including the first
 * @param initialBackoff      delay before the first retry, doubled per retry
 * @param maxBackoff          longest delay, and cap on a {@code Retry-After}
 * @param jitter              share of each delay drawn at random, 0..1
 * @param jitterSeed          seed of the jitter
 * @param breakerThreshold    consecutive failed attempts that open the circuit
 * @param breakerOpenFor      how long an open circuit refuses requests
 * @param bearerToken         bearer token, or empty
 * @param bearerTokenFile     file holding the bearer token, read when the client is created
 * @param basicUsername       basic-auth user, or empty
 * @param basicPassword       basic-auth password, or empty
 * @param headers             extra headers (tenant ids)
 * @param tlsCaFile           PEM file of trusted certificate authorities, or empty for the JVM's
 * @param tlsVerifyHost       whether the certificate must match the host name
 */
public record PrometheusSettings(
        Duration connectTimeout,
        Duration readTimeout,
        int maxInFlight,
        int maxPointsPerRequest,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        long jitterSeed,
        int breakerThreshold,
        Duration breakerOpenFor,
        Optional<String> bearerToken,
        Optional<Path> bearerTokenFile,
        Optional<String> basicUsername,
        Optional<String> basicPassword,
        Map<String, String> headers,
        Optional<Path> tlsCaFile,
        boolean tlsVerifyHost) {

    /** Prometheus rejects a range query whose {@code (end - start) / step} exceeds this. */
    public static final int PROMETHEUS_MAX_INTERVALS = 11_000;

    public PrometheusSettings {
        positive(connectTimeout, "connect-timeout");
        positive(readTimeout, "read-timeout");
        positive(initialBackoff, "retry.initial-backoff");
        positive(maxBackoff, "retry.max-backoff");
        positive(breakerOpenFor, "circuit-breaker.open-for");
        check(maxInFlight >= 1, "max-in-flight must be at least 1, got " + maxInFlight);
        check(maxPointsPerRequest >= 2 && maxPointsPerRequest <= PROMETHEUS_MAX_INTERVALS + 1,
                "max-points-per-request must be between 2 and 11001, got " + maxPointsPerRequest);
        check(maxAttempts >= 1, "retry.max-attempts must be at least 1, got " + maxAttempts);
        check(jitter >= 0 && jitter <= 1, "retry.jitter must be between 0 and 1, got " + jitter);
        check(breakerThreshold >= 1, "circuit-breaker.failure-threshold must be at least 1, got " + breakerThreshold);
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
        Objects.requireNonNull(basicUsername, "basicUsername");
        Objects.requireNonNull(basicPassword, "basicPassword");
        Objects.requireNonNull(tlsCaFile, "tlsCaFile");
        check(bearerToken.isEmpty() || bearerTokenFile.isEmpty(),
                "set bearer-token or bearer-token-file, not both");
        check(basicPassword.isEmpty() || basicUsername.isPresent(), "basic-auth.password is set without basic-auth.username");
        headers = Map.copyOf(headers);
        headers.keySet().forEach(h -> check(h.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"), "invalid header name '" + h + "'"));
    }

    /** The documented defaults of {@link PrometheusConfig}. */
    public static PrometheusSettings defaults() {
        return new Builder().build();
    }

    /** Settings from the Quarkus configuration. */
    public static PrometheusSettings from(PrometheusConfig c) {
        return new Builder()
                .connectTimeout(c.connectTimeout()).readTimeout(c.readTimeout())
                .maxInFlight(c.maxInFlight()).maxPointsPerRequest(c.maxPointsPerRequest())
                .retry(c.retry().maxAttempts(), c.retry().initialBackoff(), c.retry().maxBackoff())
                .jitter(c.retry().jitter(), c.retry().jitterSeed())
                .circuitBreaker(c.circuitBreaker().failureThreshold(), c.circuitBreaker().openFor())
                .bearerToken(c.bearerToken().orElse(null)).bearerTokenFile(c.bearerTokenFile().orElse(null))
                .basicAuth(c.basicAuth().username().orElse(null), c.basicAuth().password().orElse(null))
                .headers(c.headers()).tlsCaFile(c.tlsCaFile().orElse(null)).tlsVerifyHost(c.tlsVerifyHost())
                .build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings without credentials or header values, for logs. */
    @Override
    public String toString() {
        return "PrometheusSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxInFlight=" + maxInFlight + ", maxPointsPerRequest=" + maxPointsPerRequest
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", breakerThreshold=" + breakerThreshold
                + ", breakerOpenFor=" + breakerOpenFor
                + ", bearerToken=" + (bearerToken.isPresent() ? "<set>" : "<none>")
                + ", bearerTokenFile=" + bearerTokenFile.map(Path::toString).orElse("<none>")
                + ", basicAuth=" + (basicUsername.isPresent() ? "<set>" : "<none>")
                + ", headers=" + new TreeMap<>(headers).keySet()
                + ", tlsCaFile=" + tlsCaFile.map(Path::toString).orElse("<jvm default>")
                + ", tlsVerifyHost=" + tlsVerifyHost + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        check(!d.isNegative() && !d.isZero(), name + " must be positive, got " + d);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("configuring prewarm.prometheus: " + message);
        }
    }

    /** Mutable builder; starts from the defaults. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxInFlight = 4;
        private int maxPointsPerRequest = PROMETHEUS_MAX_INTERVALS;
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private double jitter = 0.5;
        private long jitterSeed = 42;
        private int breakerThreshold = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private String bearerToken;
        private Path bearerTokenFile;
        private String basicUsername;
        private String basicPassword;
        private Map<String, String> headers = Map.of();
        private Path tlsCaFile;
        private boolean tlsVerifyHost = true;

        public Builder() {
        }

        private Builder(PrometheusSettings s) {
            connectTimeout = s.connectTimeout;
            readTimeout = s.readTimeout;
            maxInFlight = s.maxInFlight;
            maxPointsPerRequest = s.maxPointsPerRequest;
            maxAttempts = s.maxAttempts;
            initialBackoff = s.initialBackoff;
            maxBackoff = s.maxBackoff;
            jitter = s.jitter;
            jitterSeed = s.jitterSeed;
            breakerThreshold = s.breakerThreshold;
            breakerOpenFor = s.breakerOpenFor;
            bearerToken = s.bearerToken.orElse(null);
            bearerTokenFile = s.bearerTokenFile.orElse(null);
            basicUsername = s.basicUsername.orElse(null);
            basicPassword = s.basicPassword.orElse(null);
            headers = s.headers;
            tlsCaFile = s.tlsCaFile.orElse(null);
            tlsVerifyHost = s.tlsVerifyHost;
        }

        public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
        public Builder readTimeout(Duration d) { readTimeout = d; return this; }
        public Builder maxInFlight(int n) { maxInFlight = n; return this; }
        public Builder maxPointsPerRequest(int n) { maxPointsPerRequest = n; return this; }

        public Builder retry(int attempts, Duration initial, Duration max) {
            maxAttempts = attempts;
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        public Builder jitter(double share, long seed) { jitter = share; jitterSeed = seed; return this; }

        public Builder circuitBreaker(int threshold, Duration openFor) {
            breakerThreshold = threshold;
            breakerOpenFor = openFor;
            return this;
        }

        public Builder bearerToken(String token) { bearerToken = token; return this; }
        public Builder bearerTokenFile(Path file) { bearerTokenFile = file; return this; }

        public Builder basicAuth(String username, String password) {
            basicUsername = username;
            basicPassword = password;
            return this;
        }

        public Builder headers(Map<String, String> h) { headers = h; return this; }
        public Builder tlsCaFile(Path file) { tlsCaFile = file; return this; }
        public Builder tlsVerifyHost(boolean verify) { tlsVerifyHost = verify; return this; }

        public PrometheusSettings build() {
            return new PrometheusSettings(connectTimeout, readTimeout, maxInFlight, maxPointsPerRequest,
                    maxAttempts, initialBackoff, maxBackoff, jitter, jitterSeed, breakerThreshold, breakerOpenFor,
                    Optional.ofNullable(bearerToken).filter(t -> !t.isBlank()),
                    Optional.ofNullable(bearerTokenFile),
                    Optional.ofNullable(basicUsername).filter(u -> !u.isBlank()),
                    Optional.ofNullable(basicPassword), headers, Optional.ofNullable(tlsCaFile), tlsVerifyHost);
        }
    }
}
