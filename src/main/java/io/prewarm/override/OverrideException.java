package io.prewarm.override;

/** An override file cannot be read or written. */
public class OverrideException extends RuntimeException {
    public OverrideException(String message) {
        super(message);
    }
}
