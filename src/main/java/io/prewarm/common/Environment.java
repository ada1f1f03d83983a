package io.prewarm.common;

import java.util.Objects;
import java.util.regex.Pattern;

/** A deployment environment ({@code prod}, {@code staging}); a path segment under {@code generated/}. */
public record Environment(String value) implements Comparable<Environment> {
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]|[a-z]");

    public Environment {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid environment name '" + value
                    + "': use 1-32 lowercase letters, digits and '-', starting with a letter");
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(Environment o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
