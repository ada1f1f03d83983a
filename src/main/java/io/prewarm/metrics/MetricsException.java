package io.prewarm.metrics;

/** Reading history failed; the message says which service, query and server, never a credential. */
public class MetricsException extends RuntimeException {
    public MetricsException(String message) {
        super(message);
    }

    public MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
