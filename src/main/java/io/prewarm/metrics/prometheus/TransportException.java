package io.prewarm.metrics.prometheus;

import java.io.IOException;

/** The exchange did not complete: no connection, no answer in time, or the connection broke. */
final class TransportException extends IOException {

    /** What went wrong, which decides the wording; all kinds are retried. */
    enum Kind { CONNECT, TIMEOUT, IO }

    private final Kind kind;

    TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
