package io.prewarm.metrics.prometheus;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A WireMock server standing in for Prometheus. */
final class WireMockSupport {
    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    URI baseUrl() {
        return URI.create("http://localhost:" + server.port());
    }

    /** Short timeouts, three attempts and short waits, so failure tests run in well under a second each. */
    static PrometheusConfig fast() {
        return fast(Map.of());
    }

    /** {@link #fast()} with further {@code prewarm.prometheus.*} values (names relative to the prefix). */
    static PrometheusConfig fast(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("connect-timeout", "500ms", "read-timeout", "700ms",
                "retry.max-attempts", "3", "retry.initial-backoff", "20ms", "retry.max-backoff", "1s",
                "circuit-breaker.failure-threshold", "50", "circuit-breaker.open-for", "30s"));
        values.putAll(overrides);
        return PrometheusConfigs.of(values);
    }

    PrometheusMetricsSource source(PrometheusConfig settings) {
        return PrometheusMetricsSource.create(baseUrl(), settings);
    }

    /** The form parameters of each request to {@code path}, in arrival order. */
    List<Map<String, String>> forms(String path) {
        List<Map<String, String>> out = new ArrayList<>();
        for (LoggedRequest r : server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(path)).toList()) {
            out.add(0, parseForm(r.getBodyAsString())); // WireMock lists the newest first
        }
        return out;
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
