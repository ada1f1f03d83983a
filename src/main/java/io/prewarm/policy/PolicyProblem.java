package io.prewarm.policy;

import java.util.Objects;

/**
 * One problem in a policy file, printed as {@code policies/web.yaml: scaleDown.maxPercent: 120 is above 100}.
 *
 * @param file    the file, as given on the command line
 * @param field   dotted path of the field ({@code rules.scaleDownMaxPercent}, {@code holidays.dates[2]}),
 *                or empty for the whole file
 * @param message what is wrong, naming the value
 */
public record PolicyProblem(String file, String field, String message) {
    public PolicyProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? file + ": " + message : file + ": " + field + ": " + message;
    }
}
