package io.prewarm.common.promql;

/**
 * One lexical item of a query.
 *
 * @param kind  what it is
 * @param text  the characters of the query it covers
 * @param value the unquoted value of a string, the lower-cased word of a keyword, else {@code text}
 * @param start offset of its first character
 * @param end   offset after its last character
 */
record Token(Kind kind, String text, String value, int start, int end) {
    enum Kind {
        NUMBER, DURATION, STRING, IDENTIFIER, METRIC_IDENTIFIER, KEYWORD, OPERATOR,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, AT, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String word) {
        return kind == Kind.KEYWORD && value.equals(word);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    /** How Prometheus names the token in a parse error: {@code identifier "foo"}, {@code "("}, {@code <by>}. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier \"" + text + "\"";
            case METRIC_IDENTIFIER -> "metric identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case DURATION -> "duration \"" + text + "\"";
            case STRING -> "string " + text;
            case KEYWORD -> "<" + value + ">";
            default -> "\"" + text + "\"";
        };
    }
}
