package io.prewarm.common;

/**
 * The null checks of a record's compact constructor in one line, with the same exception as
 * {@code Objects.requireNonNull(field, "field")}: a {@link NullPointerException} whose message is the field's name.
 *
 * <pre>{@code
 * public Limits {
 *     Checks.nonNull("min, max, step", min, max, step);
 * }
 * }</pre>
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks the values in order.
     *
     * @param names  the fields' names, separated by {@code ", "}, one per value
     * @param values the fields' values
     * @throws NullPointerException     naming the first field that is null
     * @throws IllegalArgumentException when the names and values differ in number (a programming error)
     */
    public static void nonNull(String names, Object... values) {
        String[] fields = names.split(", ", -1);
        if (fields.length != values.length) {
            throw new IllegalArgumentException("checking for nulls: " + fields.length + " names (" + names + ") for "
                    + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(fields[i]);
            }
        }
    }
}
