package io.prewarm.metrics.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams a Prometheus API response without building a tree: a 28-day range at 1-minute resolution is
 * 40,320 samples per series, and materialising them as objects would cost more than the HTTP exchange.
 * Field order is not assumed. A body that is not JSON raises {@link com.fasterxml.jackson.core.JsonParseException}.
 */
final class ResponseParser {
    private static final JsonFactory JSON = new JsonFactory();

    private ResponseParser() {
    }

    /** The envelope of any response; {@code errorType}/{@code error} are set when the status is "error". */
    record Envelope(String status, String errorType, String error, String resultType, List<String> warnings) {
        boolean success() {
            return "success".equals(status);
        }
    }

    /** An instant-query sample: labels and value (NaN when the server said so). */
    record InstantSample(Map<String, String> labels, double value) {
    }

    /** Parses a range-query response, feeding its matrix into {@code sink}. */
    static Envelope parseMatrix(byte[] body, SeriesAccumulator sink) throws IOException {
        Envelope fast = FastMatrixParser.tryParse(body, sink);
        return fast != null ? fast : parse(body, sink, null);
    }

    /** The general parser alone, for tests that compare it with the fast path. */
    static Envelope parseMatrixWithJackson(byte[] body, SeriesAccumulator sink) throws IOException {
        return parse(body, sink, null);
    }

    /** Parses only the envelope (status, error, warnings) of any response. */
    static Envelope parseEnvelope(byte[] body) throws IOException {
        return parse(body, null, null);
    }

    /** Parses an instant-query response (vector or scalar). */
    static Envelope parseInstant(byte[] body, List<InstantSample> out) throws IOException {
        return parse(body, null, out);
    }

    private static Envelope parse(byte[] body, SeriesAccumulator sink, List<InstantSample> instant) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            String status = null;
            String errorType = null;
            String error = null;
            String resultType = null;
            List<String> warnings = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "status" -> status = p.getValueAsString();
                    case "errorType" -> errorType = p.getValueAsString();
                    case "error" -> error = p.getValueAsString();
                    case "warnings" -> readStrings(p, t, warnings);
                    case "data" -> {
                        if (t == JsonToken.START_OBJECT) {
                            resultType = readData(p, sink, instant);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new Envelope(status, errorType, error, resultType, warnings);
        }
    }

    private static String readData(JsonParser p, SeriesAccumulator sink, List<InstantSample> instant) throws IOException {
        String resultType = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("resultType".equals(field)) {
                resultType = p.getValueAsString();
            } else if ("result".equals(field) && t == JsonToken.START_ARRAY) {
                readResult(p, sink, instant);
            } else {
                p.skipChildren();
            }
        }
        return resultType;
    }

    private static void readResult(JsonParser p, SeriesAccumulator sink, List<InstantSample> instant) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            // scalar: [ts, "value"]
            p.nextToken();
            double v = value(p);
            if (instant != null) {
                instant.add(new InstantSample(Map.of(), v));
            }
            p.nextToken();
            return;
        }
        for (; t == JsonToken.START_OBJECT; t = p.nextToken()) {
            readSeries(p, sink, instant);
        }
    }

    private static void readSeries(JsonParser p, SeriesAccumulator sink, List<InstantSample> instant) throws IOException {
        Map<String, String> labels = Map.of();
        long[] ts = new long[0];
        double[] vs = new double[0];
        int n = 0;
        double instantValue = Double.NaN;
        boolean hasInstant = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("metric".equals(field) && t == JsonToken.START_OBJECT) {
                labels = readLabels(p);
            } else if ("values".equals(field) && t == JsonToken.START_ARRAY) {
                ts = new long[256];
                vs = new double[256];
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    if (n == ts.length) {
                        ts = Arrays.copyOf(ts, n * 2);
                        vs = Arrays.copyOf(vs, n * 2);
                    }
                    p.nextToken();
                    ts[n] = Math.round(p.getDoubleValue() * 1000);
                    p.nextToken();
                    vs[n++] = value(p);
                    expect(p.nextToken(), JsonToken.END_ARRAY, p);
                }
            } else if ("value".equals(field) && t == JsonToken.START_ARRAY) {
                p.nextToken();
                p.nextToken();
                instantValue = value(p);
                hasInstant = true;
                expect(p.nextToken(), JsonToken.END_ARRAY, p);
            } else {
                p.skipChildren(); // native "histograms" and future fields
            }
        }
        if (sink != null) {
            sink.add(labels, ts, vs, n);
        }
        if (instant != null && hasInstant) {
            instant.add(new InstantSample(labels, instantValue));
        }
    }

    private static Map<String, String> readLabels(JsonParser p) throws IOException {
        Map<String, String> labels = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            labels.put(k, p.getValueAsString());
        }
        return Map.copyOf(labels);
    }

    /**
     * Sample values are strings because JSON has no NaN or infinity. Go writes {@code +Inf}/{@code -Inf},
     * which {@link Double#parseDouble} does not accept (it wants "Infinity"), so those are matched here.
     */
    static double value(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return p.getDoubleValue();
        }
        // Hot path (millions of samples per run): parse the parser's own buffer, no String per sample.
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != 'e' && c != 'E' && c != '+') {
                return parseValue(new String(buf, off, len)); // NaN, +Inf, -Inf or garbage
            }
        }
        if (len > 0 && buf[off + len - 1] != 'e' && buf[off + len - 1] != 'E') {
            try {
                return NumberInput.parseDouble(buf, off, len, true);
            } catch (NumberFormatException e) {
                // fall through for the message
            }
        }
        return parseValue(new String(buf, off, len));
    }

    static double parseValue(String s) {
        switch (s) {
            case "+Inf", "Inf", "+inf", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new NumberFormatException("sample value '" + abbreviate(s) + "' is not a number");
                }
            }
        }
    }

    private static void readStrings(JsonParser p, JsonToken t, List<String> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + expected + " but found " + actual);
        }
    }

    /** First 200 characters of a body on one line, for a message about an unexpected answer. */
    static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.UTF_8);
        return abbreviate(s.replaceAll("\\s+", " ").strip());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
