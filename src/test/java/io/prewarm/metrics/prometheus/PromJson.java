package io.prewarm.metrics.prometheus;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds Prometheus API response bodies the way Prometheus writes them. */
final class PromJson {
    private PromJson() {
    }

    /** One series with {@code values[i]} at {@code startMs + i * stepMs}; null entries are absent samples. */
    static String series(Map<String, String> labels, long startMs, long stepMs, String... values) {
        StringBuilder sb = new StringBuilder("{\"metric\":").append(labels(labels)).append(",\"values\":[");
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('[').append(ts(startMs + i * stepMs)).append(",\"").append(values[i]).append("\"]");
        }
        return sb.append("]}").toString();
    }

    static String matrix(String... series) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + String.join(",", series) + "]}}";
    }

    static String vector(Map<String, String> labels, long tsMs, String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":" + labels(labels)
                + ",\"value\":[" + ts(tsMs) + ",\"" + value + "\"]}]}}";
    }

    static String emptyVector() {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    }

    static String error(String type, String message) {
        return "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    /** Prometheus prints timestamps as seconds with up to three decimals. */
    static String ts(long ms) {
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }

    static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
