package io.prewarm.gitops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (API token, Git password). Its {@link #toString()} never shows the value, so a secret
 * that ends up in a log line, an exception or a record's text prints as {@code ***}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value.strip());
    }

    /** The value, for the one place that sends it (a header, a credentials provider). */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the secret replaced by {@code ***}. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // equal secrets must hash alike; a constant leaks nothing about the value
    }

    @Override
    public String toString() {
        return "***";
    }
}
