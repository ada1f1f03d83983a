package io.prewarm.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service name. It becomes a path segment under {@code generated/}, part of Terraform resource
 * names and of cloud action names, so it is restricted to a DNS-label-like alphabet.
 */
public record ServiceId(String value) implements Comparable<ServiceId> {
    public static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,48}[a-z0-9]|[a-z]");

    public ServiceId {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid service name '" + value
                    + "': use 1-50 lowercase letters, digits and '-', starting with a letter");
        }
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(ServiceId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
