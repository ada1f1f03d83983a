package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.ReadEvents;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Runs one API request with the resilience the issue asks for: at most {@code maxInFlight} requests at
 * once, bounded retries with backoff for refused connections, timeouts, 5xx and 429, no retry for other
 * 4xx (a bad query stays bad), and a shared circuit breaker. Hand-written rather than SmallRye Fault
 * Tolerance annotations because it must work from the CLI without CDI, classify by HTTP status, and take
 * a seeded jitter and an injected sleeper. Thread-safe.
 */
final class RequestExecutor {

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

    private final Semaphore inFlight;
    private final int maxAttempts;
    private final Duration readTimeout;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private volatile ReadEvents events = ReadEvents.NONE;

    RequestExecutor(PrometheusConfig s, CircuitBreaker breaker, Backoff backoff, Sleeper sleeper) {
        this.inFlight = new Semaphore(s.maxInFlight(), true);
        this.maxAttempts = s.retry().maxAttempts();
        this.readTimeout = s.readTimeout();
        this.breaker = breaker;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Where failures and retries are reported (prewarm's own metrics). */
    void reportTo(ReadEvents events) {
        this.events = events == null ? ReadEvents.NONE : events;
    }

    /** Returns the first 2xx reply. */
    Transport.Reply execute(Call call, Counters counters) throws FailedException {
        counters.requests++;
        for (int attempt = 1; ; attempt++) {
            counters.attempts++;
            try {
                breaker.acquire();
            } catch (CircuitBreaker.OpenException e) {
                report(false, ReadEvents.Cause.CIRCUIT_OPEN);
                throw new FailedException(e.getMessage());
            }
            Transport.Reply reply;
            try {
                reply = exchange(call);
            } catch (TransportException e) {
                reply = null;
                String failure = e.kind() == TransportException.Kind.TIMEOUT
                        ? "timed out after " + readTimeout.toMillis() + " ms" : e.getMessage();
                breaker.onFailure(failure);
                retryOrFail(attempt, failure, Optional.empty(), counters, e.kind() == TransportException.Kind.TIMEOUT
                        ? ReadEvents.Cause.TIMEOUT : ReadEvents.Cause.CONNECTION);
                continue;
            }
            int status = reply.status();
            if (status >= 200 && status < 300) {
                breaker.onAnswer();
                return reply;
            }
            String failure = describe(reply);
            if (status >= 500) {
                breaker.onFailure(failure);
            } else {
                breaker.onAnswer(); // 4xx: the server is alive
            }
            if (status != 429 && status < 500) {
                report(false, ReadEvents.Cause.CLIENT_ERROR);
                throw new FailedException(failure + hint(status)); // a bad query stays bad: never retried
            }
            retryOrFail(attempt, failure, reply.retryAfterSeconds(), counters,
                    status == 429 ? ReadEvents.Cause.RATE_LIMITED : ReadEvents.Cause.SERVER_ERROR);
        }
    }

    private void retryOrFail(int attempt, String failure, Optional<Long> retryAfter, Counters counters,
                             ReadEvents.Cause cause) throws FailedException {
        if (attempt >= maxAttempts) {
            report(false, cause);
            throw new FailedException(failure + (maxAttempts > 1 ? " (after " + attempt + " attempts)" : ""));
        }
        report(true, cause);
        counters.retries++;
        try {
            sleeper.sleep(backoff.delay(attempt, retryAfter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedException("interrupted while waiting to retry after: " + failure);
        }
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

    private Transport.Reply exchange(Call call) throws FailedException, TransportException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedException("interrupted while waiting for a request slot");
        }
        try {
            return call.run();
        } catch (TransportException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, "I/O error: " + e.getClass().getSimpleName(), e);
        } finally {
            inFlight.release();
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
