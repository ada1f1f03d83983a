package io.prewarm.emergency;

import java.util.Optional;

/** A request the webhook refuses: an HTTP status, the field at fault when there is one, and a message. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, field, field + ": " + message);
    }

    public int status() {
        return status;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
