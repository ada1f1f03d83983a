package io.prewarm.metrics.prometheus;

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

    RequestExecutor(PrometheusSettings s, CircuitBreaker breaker, Backoff backoff, Sleeper sleeper) {
        this.inFlight = new Semaphore(s.maxInFlight(), true);
        this.maxAttempts = s.maxAttempts();
        this.readTimeout = s.readTimeout();
        this.breaker = breaker;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** Returns the first 2xx reply. */
    Transport.Reply execute(Call call, Counters counters) throws FailedException {
        counters.requests++;
        for (int attempt = 1; ; attempt++) {
            counters.attempts++;
            try {
                breaker.acquire();
            } catch (CircuitBreaker.OpenException e) {
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
                retryOrFail(attempt, failure, Optional.empty(), counters);
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
                throw new FailedException(failure + hint(status)); // a bad query stays bad: never retried
            }
            retryOrFail(attempt, failure, reply.retryAfterSeconds(), counters);
        }
    }

    private void retryOrFail(int attempt, String failure, Optional<Long> retryAfter, Counters counters)
            throws FailedException {
        if (attempt >= maxAttempts) {
            throw new FailedException(failure + (maxAttempts > 1 ? " (after " + attempt + " attempts)" : ""));
        }
        counters.retries++;
        try {
            sleeper.sleep(backoff.delay(attempt, retryAfter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedException("interrupted while waiting to retry after: " + failure);
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
