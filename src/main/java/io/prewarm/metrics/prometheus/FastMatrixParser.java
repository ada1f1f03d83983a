package io.prewarm.metrics.prometheus;

import com.fasterxml.jackson.core.io.NumberInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level parser for the one shape that dominates a run: a successful range query, whose bulk is
 * {@code [1700000000,"123.4"]} pairs. Jackson spends five tokens per pair; this reads them in a tight loop,
 * which halves the client's CPU per response (see docs/prometheus.md). It gives up (returns null) on
 * anything it does not expect, such as an escaped character in a label, and the caller then parses the
 * body again with {@link ResponseParser}; nothing reaches the sink unless the whole body parsed.
 */
final class FastMatrixParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Thrown internally to abandon the fast path; never escapes this class. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;
    private int pos;
    private char[] scratch = new char[32];

    private FastMatrixParser(byte[] body) {
        this.b = body;
    }

    /** Parses a range-query body into {@code sink}, or returns null without touching it. */
    static ResponseParser.Envelope tryParse(byte[] body, SeriesAccumulator sink) {
        FastMatrixParser p = new FastMatrixParser(body);
        List<Parsed> series = new ArrayList<>();
        try {
            ResponseParser.Envelope env = p.document(series);
            for (Parsed s : series) {
                sink.add(s.labels, s.ts, s.vs, s.n);
            }
            return env;
        } catch (Unsupported | RuntimeException e) {
            return null;
        }
    }

    private record Parsed(Map<String, String> labels, long[] ts, double[] vs, int n) {
    }

    private ResponseParser.Envelope document(List<Parsed> out) throws Unsupported {
        String status = null;
        String errorType = null;
        String error = null;
        String resultType = null;
        List<String> warnings = new ArrayList<>();
        for (boolean more = opens('{', '}'); more; more = continues('}')) {
            switch (key()) {
                case "status" -> status = string();
                case "errorType" -> errorType = string();
                case "error" -> error = string();
                case "warnings" -> {
                    for (boolean w = opens('[', ']'); w; w = continues(']')) {
                        warnings.add(string());
                    }
                }
                case "data" -> resultType = data(out);
                default -> skipValue();
            }
        }
        ws();
        if (pos != b.length) {
            throw new Unsupported();
        }
        return new ResponseParser.Envelope(status, errorType, error, resultType, warnings);
    }

    private String data(List<Parsed> out) throws Unsupported {
        String resultType = null;
        for (boolean more = opens('{', '}'); more; more = continues('}')) {
            switch (key()) {
                case "resultType" -> resultType = string();
                case "result" -> {
                    for (boolean r = opens('[', ']'); r; r = continues(']')) {
                        out.add(series());
                    }
                }
                default -> skipValue();
            }
        }
        return resultType;
    }

    private Parsed series() throws Unsupported {
        Map<String, String> labels = Map.of();
        long[] ts = new long[0];
        double[] vs = new double[0];
        int n = 0;
        for (boolean more = opens('{', '}'); more; more = continues('}')) {
            switch (key()) {
                case "metric" -> labels = labels();
                case "values" -> {
                    ts = new long[1024];
                    vs = new double[1024];
                    for (boolean v = opens('[', ']'); v; v = continues(']')) {
                        if (n == ts.length) {
                            ts = Arrays.copyOf(ts, n * 2);
                            vs = Arrays.copyOf(vs, n * 2);
                        }
                        expect('[');
                        ts[n] = timestampMillis();
                        expect(',');
                        vs[n++] = sampleValue();
                        expect(']');
                    }
                }
                default -> skipValue();
            }
        }
        return new Parsed(labels, ts, vs, n);
    }

    private Map<String, String> labels() throws Unsupported {
        Map<String, String> labels = new HashMap<>();
        for (boolean more = opens('{', '}'); more; more = continues('}')) {
            labels.put(key(), string());
        }
        return Map.copyOf(labels);
    }

    /** Unix seconds with at most three decimals, exactly as milliseconds; anything else falls back. */
    private long timestampMillis() throws Unsupported {
        ws();
        long secs = 0;
        int start = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            secs = secs * 10 + (b[pos++] - '0');
        }
        if (pos == start || pos - start > 15) {
            throw new Unsupported();
        }
        long ms = secs * 1000;
        if (pos < b.length && b[pos] == '.') {
            pos++;
            int scale = 100;
            int digits = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                if (++digits > 3) {
                    throw new Unsupported();
                }
                ms += (b[pos++] - '0') * scale;
                scale /= 10;
            }
        }
        return ms;
    }

    /**
     * A quoted sample value. Plain decimals of up to 15 digits are computed as an exact integer divided by
     * an exact power of ten, which IEEE division rounds correctly; other forms use Jackson's parser.
     */
    private double sampleValue() throws Unsupported {
        ws();
        if (pos >= b.length || b[pos] != '"') {
            throw new Unsupported();
        }
        int start = ++pos;
        boolean negative = false;
        if (pos < b.length && b[pos] == '-') {
            negative = true;
            pos++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        while (pos < b.length) {
            byte c = b[pos];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                break;
            }
            pos++;
        }
        if (pos < b.length && b[pos] == '"' && digits > 0 && digits <= 15 && decimals != 0) {
            pos++;
            double v = decimals <= 0 ? mantissa : mantissa / POW10[decimals];
            return negative ? -v : v;
        }
        // NaN, +Inf, exponents, long mantissas: find the closing quote and parse the text
        while (pos < b.length && b[pos] != '"') {
            if (b[pos] == '\\') {
                throw new Unsupported();
            }
            pos++;
        }
        if (pos >= b.length) {
            throw new Unsupported();
        }
        int len = pos - start;
        pos++;
        if (len > scratch.length) {
            scratch = new char[len];
        }
        boolean numeric = true;
        for (int i = 0; i < len; i++) {
            char c = (char) b[start + i];
            scratch[i] = c;
            numeric &= (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        if (numeric && len > 0) {
            try {
                return NumberInput.parseDouble(scratch, 0, len, true);
            } catch (NumberFormatException e) {
                throw new Unsupported();
            }
        }
        return ResponseParser.parseValue(new String(scratch, 0, len)); // NaN, +Inf, -Inf; throws on garbage
    }

    /** A string without escapes (label values with escapes are rare: the slow path handles them). */
    private String string() throws Unsupported {
        ws();
        if (pos >= b.length || b[pos] != '"') {
            throw new Unsupported();
        }
        int start = ++pos;
        while (pos < b.length && b[pos] != '"') {
            if (b[pos] == '\\' || (b[pos] >= 0 && b[pos] < 0x20)) {
                throw new Unsupported();
            }
            pos++;
        }
        if (pos >= b.length) {
            throw new Unsupported();
        }
        return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
    }

    /** Skips any JSON value whose strings have no escapes. */
    private void skipValue() throws Unsupported {
        ws();
        if (pos >= b.length) {
            throw new Unsupported();
        }
        byte c = b[pos];
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            for (boolean more = opens((char) c, close); more; more = continues(close)) {
                if (c == '{') {
                    key();
                }
                skipValue();
            }
        } else {
            int start = pos;
            while (pos < b.length && (Character.isLetterOrDigit(b[pos]) || b[pos] == '-' || b[pos] == '+' || b[pos] == '.')) {
                pos++;
            }
            if (pos == start) {
                throw new Unsupported();
            }
        }
    }

    /** Reads {@code open}; true when an element follows, false after an empty {@code open close}. */
    private boolean opens(char open, char close) throws Unsupported {
        expect(open);
        if (peekIs(close)) {
            pos++;
            return false;
        }
        return true;
    }

    /** True after a comma (another element follows); otherwise reads {@code close}. */
    private boolean continues(char close) throws Unsupported {
        if (comma()) {
            return true;
        }
        expect(close);
        return false;
    }

    /** An object member's key and its colon. */
    private String key() throws Unsupported {
        String key = string();
        expect(':');
        return key;
    }

    private boolean comma() {
        ws();
        if (pos < b.length && b[pos] == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekIs(char c) {
        ws();
        return pos < b.length && b[pos] == c;
    }

    private void expect(char c) throws Unsupported {
        ws();
        if (pos >= b.length || b[pos] != c) {
            throw new Unsupported();
        }
        pos++;
    }

    private void ws() {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }
}
