package io.prewarm.common.promql;

/** Go's escape sequences in double- and single-quoted PromQL strings, checked as Prometheus's lexer does. */
final class Escapes {
    private Escapes() {
    }

    /** Appends the character the escape at {@code at} (a backslash) stands for, or throws if it is not valid. */
    static void read(String in, int at, char quote, StringBuilder value) {
        int i = at + 1;
        if (i >= in.length()) {
            throw new PromQlException(at, "escape sequence not terminated");
        }
        char c = in.charAt(i);
        switch (c) {
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case '\\' -> value.append('\\');
            default -> {
                if (c == quote) {
                    value.append(c);
                    return;
                }
                int digits;
                int base;
                int start;
                long max;
                if (c >= '0' && c <= '7') {
                    digits = 3;
                    base = 8;
                    start = i;
                    max = 255;
                } else if (c == 'x' || c == 'u' || c == 'U') {
                    digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                    base = 16;
                    start = i + 1;
                    max = c == 'x' ? 255 : Character.MAX_CODE_POINT;
                } else {
                    throw new PromQlException(at, "unknown escape sequence U+" + String.format("%04X", (int) c) + " '" + c + "'");
                }
                long x = 0;
                for (int k = start; k < start + digits; k++) {
                    if (k >= in.length()) {
                        throw new PromQlException(at, "escape sequence not terminated");
                    }
                    int d = Character.digit(in.charAt(k), base);
                    if (d < 0) {
                        throw new PromQlException(at, "illegal character '" + in.charAt(k) + "' in escape sequence");
                    }
                    x = x * base + d;
                }
                if (x > max || (x >= 0xD800 && x < 0xE000)) {
                    throw new PromQlException(at, "escape sequence is an invalid Unicode code point");
                }
                value.appendCodePoint((int) x);
            }
        }
    }

    /** The offset after the (valid) escape that starts at {@code at}. */
    static int end(String in, int at, char quote) {
        char c = in.charAt(at + 1);
        if (c >= '0' && c <= '7') {
            return at + 4;
        }
        return switch (c) {
            case 'x' -> at + 4;
            case 'u' -> at + 6;
            case 'U' -> at + 10;
            default -> at + 2;
        };
    }
}
