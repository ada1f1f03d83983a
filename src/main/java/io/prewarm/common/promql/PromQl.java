package io.prewarm.common.promql;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks PromQL as Prometheus 2.42's parser does and writes the canonical one-line form of a query.
 * {@link #check} refuses exactly what {@code promtool check rules} refuses in an alert's {@code expr} (tested
 * against the real promtool with a corpus of valid and invalid queries).
 */
public final class PromQl {
    /** The longest query a policy may hold, in UTF-8 bytes (4 KiB). */
    public static final int MAX_BYTES = 4096;

    private PromQl() {
    }

    /** The type {@code query} evaluates to; a {@link PromQlException} with position and cause if it is not valid PromQL. */
    public static ValueType check(String query) {
        return Parser.parse(query);
    }

    /**
     * Checks a query whose result an alert rule compares with a threshold ({@code (query) > 10}): at most
     * {@link #MAX_BYTES}, valid, and an instant vector (a scalar would need {@code bool}; a range vector or a
     * string cannot be compared).
     */
    public static void checkComparable(String query) {
        checkReturning(query, ValueType.VECTOR);
    }

    /** Checks a query for Prometheus's range-query API: at most {@link #MAX_BYTES}, valid, an instant vector or a scalar. */
    public static void checkRangeQuery(String query) {
        checkReturning(query, ValueType.VECTOR, ValueType.SCALAR);
    }

    private static void checkReturning(String query, ValueType... allowed) {
        int bytes = query.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new PromQlException(-1, "is " + bytes + " bytes long; the limit is " + MAX_BYTES + " bytes (4 KiB)");
        }
        ValueType type = check(query);
        if (!List.of(allowed).contains(type)) {
            throw new PromQlException(-1, "must return " + (allowed.length == 1 ? "an " + allowed[0]
                    : "an " + allowed[0] + " or a " + allowed[1]) + ", got a "
                    + type + (allowed.length == 1 ? " (the alert rule compares it with its threshold)"
                    : " (Prometheus's range-query API refuses other types)"));
        }
    }

    /**
     * The query on one line with its comments dropped: every run of whitespace and comments between two tokens
     * becomes one space, and the tokens (strings included) are kept character for character. A comparison
     * appended to it therefore cannot end up inside a comment, and the result parses to the same expression.
     * A {@link PromQlException} if the query cannot be lexed.
     */
    public static String canonical(String query) {
        List<Token> tokens = Lexer.lex(query);
        StringBuilder sb = new StringBuilder(query.length());
        int previousEnd = -1;
        for (Token t : tokens) {
            if (t.is(Token.Kind.EOF)) {
                break;
            }
            if (previousEnd >= 0 && t.start() > previousEnd) {
                sb.append(' ');
            }
            sb.append(t.text());
            previousEnd = t.end();
        }
        return sb.toString();
    }
}
