package io.prewarm.metrics.prometheus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How prewarm talks to a Prometheus-compatible server (Prometheus, Thanos, Mimir). The server's base URL
 * is not here: {@code plan --metrics <url>} gives it. Every property has a default or is optional, so a
 * command that never reads metrics starts without any of them.
 */
@ConfigMapping(prefix = "prewarm.prometheus")
public interface PrometheusConfig {

    /** Time allowed to open a TCP (and TLS) connection to the server. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Time allowed for one response. Also sent as the query's {@code timeout} parameter, so the server
     * gives up at the same moment instead of computing an answer nobody waits for.
     */
    @WithDefault("60s")
    Duration readTimeout();

    /** Most HTTP requests in flight at once across all services read by one run. */
    @WithDefault("4")
    int maxInFlight();

    /**
     * Most samples per series in one range query. Prometheus refuses more than 11,000 intervals; longer
     * ranges are split into chunks of at most this many samples and stitched.
     */
    @WithDefault("11000")
    int maxPointsPerRequest();

    /** Retries of timeouts, refused connections, HTTP 5xx and 429. */
    Retry retry();

    /** Stops contacting a server that keeps failing. */
    CircuitBreaker circuitBreaker();

    /** Bearer token sent as {@code Authorization: Bearer ...}. Never logged. */
    Optional<String> bearerToken();

    /** File holding the bearer token (read once when the client is created; Kubernetes secret mounts). */
    Optional<Path> bearerTokenFile();

    /** Basic authentication; used only when no bearer token is set. */
    BasicAuth basicAuth();

    /**
     * Extra request headers, for example {@code prewarm.prometheus.headers."X-Scope-OrgID"=team-a} for a
     * Mimir or Thanos tenant. Values are never logged.
     */
    Map<String, String> headers();

    /** PEM file with the certificate authorities trusted for HTTPS, instead of the JVM's defaults. */
    Optional<Path> tlsCaFile();

    /** Whether the server's host name must match its certificate. Turn off only for testing. */
    @WithDefault("true")
    boolean tlsVerifyHost();

    /** Retry settings. */
    interface Retry {
        /** Attempts per request including the first; 1 disables retries. */
        @WithDefault("4")
        int maxAttempts();

        /** Delay before the first retry; doubles for each further retry. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest delay between attempts, also the cap on a server's {@code Retry-After}. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Share of each delay drawn at random (0 = none, 1 = anywhere between 0 and the delay). */
        @WithDefault("0.5")
        double jitter();

        /** Seed of the jitter, so a run's retry timing is reproducible. */
        @WithDefault("42")
        long jitterSeed();
    }

    /** Circuit breaker settings. */
    interface CircuitBreaker {
        /** Consecutive failed attempts (refused, timed out, 5xx) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit refuses requests before one probe is let through. */
        @WithDefault("30s")
        Duration openFor();
    }

    /** Basic authentication credentials. */
    interface BasicAuth {
        /** User name. */
        Optional<String> username();

        /** Password. Never logged. */
        Optional<String> password();
    }
}
