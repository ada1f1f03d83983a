package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.ReadEvents;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one API request through a SmallRye Fault Tolerance {@link Guard} (its programmatic API, which
 * works with and without CDI): a bulkhead of {@code maxInFlight} requests whose callers wait their turn,
 * bounded retries with {@link RetryDelays} for refused connections, timeouts, 5xx and 429, no retry for
 * other 4xx (a bad query stays bad), and a circuit breaker shared by all requests of this source that
 * opens after {@code breakerThreshold} consecutive failed attempts (refused, timed out, 5xx; any other
 * answer proves the server alive). This class only classifies replies, words failures and reports
 * them. Thread-safe.
 */
final class RequestGuard {
    /** Callers beyond this many waiting for a request slot are refused; far above any thread count. */
    private static final int MAX_WAITING = 10_000;

    /** One exchange. */
    @FunctionalInterface
    interface Call {
        Transport.Reply run() throws IOException;
    }

    /** The request failed for good; {@code cause} is ready for a message and holds no credential. */
    static final class FailedException extends Exception {
        FailedException(String cause) {
            super(cause, null, false, false);
        }
    }

    /** Per-fetch counters; one fetch runs on one thread. */
    static final class Counters {
        int requests;
        int attempts;
        int retries;
    }

    /** One failed attempt as the guard sees it: whether to retry it and whether it counts against the server. */
    static final class AttemptFailure extends Exception {
        private final ReadEvents.Cause cause;
        private final Optional<Long> retryAfterSeconds;

        AttemptFailure(String message, ReadEvents.Cause cause, Optional<Long> retryAfterSeconds) {
            super(message, null, false, false);
            this.cause = cause;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        ReadEvents.Cause cause() {
            return cause;
        }

        Optional<Long> retryAfterSeconds() {
            return retryAfterSeconds;
        }

        boolean retried() {
            return cause != ReadEvents.Cause.CLIENT_ERROR;
        }

        /** Refused, timed out or 5xx: the server may be down. A 4xx or 429 proves it alive. */
        boolean serverDown() {
            return cause != ReadEvents.Cause.CLIENT_ERROR && cause != ReadEvents.Cause.RATE_LIMITED;
        }
    }

    private final Guard guard;
    private final int maxAttempts;
    private final int breakerThreshold;
    private final Duration breakerOpenFor;
    private final Duration readTimeout;
    private final AtomicReference<String> lastServerFailure = new AtomicReference<>("");
    private volatile ReadEvents events = ReadEvents.NONE;

    RequestGuard(PrometheusConfig s) {
        this.maxAttempts = s.retry().maxAttempts();
        this.breakerThreshold = s.circuitBreaker().failureThreshold();
        this.breakerOpenFor = s.circuitBreaker().openFor();
        this.readTimeout = s.readTimeout();
        Random jitter = new Random(s.retry().jitterSeed());
        this.guard = Guard.create()
                .withDescription("prometheus read")
                .withRetry()
                    .maxRetries(s.retry().maxAttempts() - 1)
                    .delay(s.retry().initialBackoff().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(1, ChronoUnit.DAYS) // bounded by the attempts, not by time
                    .whenException(e -> e instanceof AttemptFailure f && f.retried())
                    .withCustomBackoff().strategy(() -> new RetryDelays(s.retry().maxBackoff(), s.retry().jitter(), jitter)).done()
                    .beforeRetry(e -> report(true, ((AttemptFailure) e).cause()))
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(s.circuitBreaker().failureThreshold())
                    .failureRatio(1.0) // all of the last threshold attempts failed: that many in a row
                    .successThreshold(1)
                    .delay(s.circuitBreaker().openFor().toMillis(), ChronoUnit.MILLIS)
                    .when(e -> e instanceof AttemptFailure f && f.serverDown())
                    .done()
                .withBulkhead()
                    .limit(s.maxInFlight())
                    .queueSize(MAX_WAITING)
                    .enableSynchronousQueueing()
                    .done()
                .build();
    }

    /** Where failures and retries are reported (prewarm's own metrics). */
    void reportTo(ReadEvents events) {
        this.events = events == null ? ReadEvents.NONE : events;
    }

    /** Returns the first 2xx reply. */
    Transport.Reply execute(Call call, Counters counters) throws FailedException {
        counters.requests++;
        int[] attempts = {0};
        try {
            return guard.call(() -> {
                attempts[0]++;
                return attempt(call);
            }, Transport.Reply.class);
        } catch (AttemptFailure f) {
            report(false, f.cause());
            boolean exhausted = f.retried() && attempts[0] >= maxAttempts && maxAttempts > 1;
            throw new FailedException(f.getMessage() + (exhausted ? " (after " + attempts[0] + " attempts)" : ""));
        } catch (CircuitBreakerOpenException e) {
            report(false, ReadEvents.Cause.CIRCUIT_OPEN);
            throw new FailedException("circuit open after " + breakerThreshold + " consecutive failures (last: "
                    + lastServerFailure.get() + "); not contacting the server for " + breakerOpenFor.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedException("interrupted while waiting to retry after: " + lastServerFailure.get());
        } catch (Exception e) {
            throw new FailedException("request refused: " + e.getClass().getSimpleName());
        } finally {
            counters.attempts += Math.max(attempts[0], 1);
            counters.retries += Math.max(attempts[0] - 1, 0);
        }
    }

    private Transport.Reply attempt(Call call) throws AttemptFailure {
        Transport.Reply reply;
        try {
            reply = call.run();
        } catch (TransportException e) {
            boolean timeout = e.kind() == TransportException.Kind.TIMEOUT;
            throw serverDown(timeout ? "timed out after " + readTimeout.toMillis() + " ms" : e.getMessage(),
                    timeout ? ReadEvents.Cause.TIMEOUT : ReadEvents.Cause.CONNECTION);
        } catch (IOException e) {
            throw serverDown("I/O error: " + e.getClass().getSimpleName(), ReadEvents.Cause.CONNECTION);
        }
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return reply;
        }
        String failure = describe(reply);
        if (status >= 500) {
            throw serverDown(failure, ReadEvents.Cause.SERVER_ERROR);
        }
        if (status == 429) {
            throw new AttemptFailure(failure, ReadEvents.Cause.RATE_LIMITED, reply.retryAfterSeconds());
        }
        throw new AttemptFailure(failure + hint(status), ReadEvents.Cause.CLIENT_ERROR, Optional.empty());
    }

    private AttemptFailure serverDown(String failure, ReadEvents.Cause cause) {
        lastServerFailure.set(failure);
        return new AttemptFailure(failure, cause, Optional.empty());
    }

    /** Reports a failure or a retry; a broken sink never changes the read. */
    void report(boolean retried, ReadEvents.Cause cause) {
        try {
            if (retried) {
                events.readRetried(cause);
            } else {
                events.readFailed(cause);
            }
        } catch (RuntimeException e) {
            // telemetry must not change a read
        }
    }

    /** "HTTP 422 execution: <PromQL error>" from a Prometheus error body, or the start of any other body. */
    static String describe(Transport.Reply reply) {
        String prefix = "HTTP " + reply.status();
        try {
            ResponseParser.Envelope env = ResponseParser.parseEnvelope(reply.body());
            if (env.error() != null) {
                return prefix + " " + (env.errorType() == null ? "" : env.errorType() + ": ") + env.error();
            }
        } catch (IOException | RuntimeException notJson) {
            // a proxy's HTML page or plain text; show its start below
        }
        String snippet = ResponseParser.snippet(reply.body());
        return snippet.isEmpty() ? prefix + " with an empty body" : prefix + ": " + snippet;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check prewarm.prometheus.bearer-token, basic-auth or headers)";
            case 404 -> " (is the URL the server's base, without /api/v1?)";
            default -> "";
        };
    }
}
