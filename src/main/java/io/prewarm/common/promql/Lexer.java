package io.prewarm.common.promql;

import io.prewarm.common.promql.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a query into tokens as Prometheus's {@code promql/parser/lex.go} does: label names inside braces,
 * durations inside brackets, three kinds of string with Go's escapes, and {@code #} comments to the end of a
 * line (dropped, like whitespace).
 */
final class Lexer {
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "sum", "avg", "count", "min", "max",
            "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "bool", "start", "end");

    private final String in;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;

    private Lexer(String in) {
        this.in = in;
    }

    static List<Token> lex(String query) {
        Lexer l = new Lexer(query);
        l.run();
        return l.out;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= in.length()) {
                if (braceOpen) {
                    throw new PromQlException(pos, "unexpected end of input inside braces");
                }
                if (parenDepth != 0) {
                    throw new PromQlException(pos, "unclosed left parenthesis");
                }
                if (bracketOpen) {
                    throw new PromQlException(pos, "unclosed left bracket");
                }
                out.add(new Token(Kind.EOF, "", "", pos, pos));
                return;
            }
            if (braceOpen) {
                insideBraces();
            } else {
                statement();
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < in.length() && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void statement() {
        int start = pos;
        char c = in.charAt(pos);
        char next = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        switch (c) {
            case ',' -> emit(Kind.COMMA, start, 1);
            case '*', '/', '%', '+', '-', '^' -> emit(Kind.OPERATOR, start, 1);
            case '=' -> {
                if (next == '=') {
                    emit(Kind.OPERATOR, start, 2);
                } else if (next == '~') {
                    throw new PromQlException(start, "unexpected character after '=': '~'");
                } else {
                    emit(Kind.OPERATOR, start, 1);
                }
            }
            case '!' -> {
                if (next != '=') {
                    throw new PromQlException(start, "unexpected character after '!': " + quoteChar(pos + 1));
                }
                emit(Kind.OPERATOR, start, 2);
            }
            case '<', '>' -> emit(Kind.OPERATOR, start, next == '=' ? 2 : 1);
            case '"', '\'' -> string(c);
            case '`' -> rawString();
            case '(' -> {
                parenDepth++;
                emit(Kind.LEFT_PAREN, start, 1);
            }
            case ')' -> {
                if (--parenDepth < 0) {
                    throw new PromQlException(start, "unexpected right parenthesis ')'");
                }
                emit(Kind.RIGHT_PAREN, start, 1);
            }
            case '{' -> {
                braceOpen = true;
                emit(Kind.LEFT_BRACE, start, 1);
            }
            case '[' -> {
                if (bracketOpen) {
                    throw new PromQlException(start, "unexpected left bracket '['");
                }
                bracketOpen = true;
                gotColon = false;
                emit(Kind.LEFT_BRACKET, start, 1);
            }
            case ']' -> {
                if (!bracketOpen) {
                    throw new PromQlException(start, "unexpected right bracket ']'");
                }
                bracketOpen = false;
                emit(Kind.RIGHT_BRACKET, start, 1);
            }
            case '@' -> emit(Kind.AT, start, 1);
            default -> {
                if (isDigit(c) || (c == '.' && isDigit(next))) {
                    numberOrDuration();
                } else if (bracketOpen && c == ':') {
                    if (gotColon) {
                        throw new PromQlException(start, "unexpected colon ':'");
                    }
                    gotColon = true;
                    emit(Kind.COLON, start, 1);
                } else if (!bracketOpen && (isAlpha(c) || c == ':')) {
                    word();
                } else {
                    throw new PromQlException(start, "unexpected character" + (bracketOpen ? " inside brackets" : "")
                            + ": " + quoteChar(start));
                }
            }
        }
    }

    private void insideBraces() {
        int start = pos;
        char c = in.charAt(pos);
        char next = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        if (isAlpha(c)) {
            while (pos < in.length() && isAlphaNumeric(in.charAt(pos))) {
                pos++;
            }
            out.add(new Token(Kind.IDENTIFIER, in.substring(start, pos), in.substring(start, pos), start, pos));
            return;
        }
        switch (c) {
            case ',' -> emit(Kind.COMMA, start, 1);
            case '"', '\'' -> string(c);
            case '`' -> rawString();
            case '=' -> emit(Kind.OPERATOR, start, next == '~' ? 2 : 1);
            case '!' -> {
                if (next != '~' && next != '=') {
                    throw new PromQlException(start, "unexpected character after '!' inside braces: " + quoteChar(pos + 1));
                }
                emit(Kind.OPERATOR, start, 2);
            }
            case '}' -> {
                braceOpen = false;
                emit(Kind.RIGHT_BRACE, start, 1);
            }
            default -> throw new PromQlException(start, "unexpected character inside braces: " + quoteChar(start));
        }
    }

    private void word() {
        int start = pos;
        while (pos < in.length() && (isAlphaNumeric(in.charAt(pos)) || in.charAt(pos) == ':')) {
            pos++;
        }
        String text = in.substring(start, pos);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            out.add(new Token(Kind.NUMBER, text, lower, start, pos));
        } else if (KEYWORDS.contains(lower)) {
            out.add(new Token(Kind.KEYWORD, text, lower, start, pos));
        } else {
            Kind k = text.contains(":") ? Kind.METRIC_IDENTIFIER : Kind.IDENTIFIER;
            out.add(new Token(k, text, text, start, pos));
        }
    }

    /** Go's scanNumber, then a duration suffix if the number is followed by a unit. */
    private void numberOrDuration() {
        int start = pos;
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            digits = "0123456789abcdefABCDEF";
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun("0123456789");
        }
        if (pos >= in.length() || !isAlphaNumeric(in.charAt(pos))) {
            out.add(new Token(Kind.NUMBER, in.substring(start, pos), in.substring(start, pos), start, pos));
            return;
        }
        if (remainingDuration()) {
            out.add(new Token(Kind.DURATION, in.substring(start, pos), in.substring(start, pos), start, pos));
            return;
        }
        throw new PromQlException(start, "bad number or duration syntax: \"" + in.substring(start, Math.min(pos, in.length())) + "\"");
    }

    private boolean remainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            acceptRun("0123456789");
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return pos >= in.length() || !isAlphaNumeric(in.charAt(pos));
    }

    private void string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= in.length() || in.charAt(pos) == '\n') {
                throw new PromQlException(start, "unterminated quoted string");
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\') {
                Escapes.read(in, pos - 1, quote, value);
                pos = Escapes.end(in, pos - 1, quote);
            } else {
                value.append(c);
            }
        }
        out.add(new Token(Kind.STRING, in.substring(start, pos), value.toString(), start, pos));
    }

    private void rawString() {
        int start = pos++;
        int close = in.indexOf('`', pos);
        if (close < 0) {
            throw new PromQlException(start, "unterminated raw string");
        }
        pos = close + 1;
        out.add(new Token(Kind.STRING, in.substring(start, pos), in.substring(start + 1, close), start, pos));
    }

    private void emit(Kind kind, int start, int length) {
        pos = start + length;
        String text = in.substring(start, pos);
        out.add(new Token(kind, text, text, start, pos));
    }

    private boolean accept(String valid) {
        if (pos < in.length() && valid.indexOf(in.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private String quoteChar(int at) {
        return at >= in.length() ? "end of input" : "'" + new String(Character.toChars(in.codePointAt(at))) + "'";
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphaNumeric(char c) {
        return isAlpha(c) || isDigit(c);
    }
}
