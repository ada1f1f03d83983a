package io.prewarm.metrics.prometheus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops a run from hammering a server that is down: after {@code threshold} consecutive failed attempts
 * (refused, timed out, 5xx) it refuses requests for {@code openFor}, then lets one probe through; the
 * probe's outcome closes or re-opens it. Any answer that proves the server alive (2xx, 4xx, 429) resets
 * the count. Thread-safe.
 */
final class CircuitBreaker {

    /** The circuit refused a request. */
    static final class OpenException extends Exception {
        OpenException(String message) {
            super(message, null, false, false);
        }
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil;
    private boolean probeInFlight;
    private String lastFailure = "";

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Call before each attempt. */
    synchronized void acquire() throws OpenException {
        if (openUntil == null) {
            return;
        }
        if (clock.instant().isBefore(openUntil) || probeInFlight) {
            throw new OpenException("circuit open after " + consecutiveFailures + " consecutive failures (last: "
                    + lastFailure + "); not contacting the server for " + openFor.toSeconds() + "s");
        }
        probeInFlight = true;
    }

    /** The server answered; whatever it said, it is alive. */
    synchronized void onAnswer() {
        consecutiveFailures = 0;
        openUntil = null;
        probeInFlight = false;
    }

    /** The attempt failed in a way that suggests the server is down or overloaded. */
    synchronized void onFailure(String cause) {
        consecutiveFailures++;
        lastFailure = cause;
        if (probeInFlight || consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
        probeInFlight = false;
    }

    synchronized boolean isOpen() {
        return openUntil != null;
    }
}
