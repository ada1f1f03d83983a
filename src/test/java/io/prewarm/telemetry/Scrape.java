package io.prewarm.telemetry;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The samples of a text exposition, by {@code name{labels}} exactly as written (labels sorted by name). */
final class Scrape {
    final String text;
    final Map<String, Double> samples = new TreeMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int cut = line.lastIndexOf(' ');
            samples.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
        }
    }

    static Scrape of(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }

    static Scrape parse(String text) {
        return new Scrape(text);
    }

    /** The value of a sample, failing with the exposition when absent. */
    double value(String sample) {
        Double v = samples.get(sample);
        if (v == null) {
            throw new AssertionError("no sample " + sample + " in:\n" + text);
        }
        return v;
    }

    boolean has(String sample) {
        return samples.containsKey(sample);
    }

    /** Samples whose name (before '{') equals {@code name}. */
    Map<String, Double> family(String name) {
        Map<String, Double> out = new TreeMap<>();
        samples.forEach((k, v) -> {
            String n = k.contains("{") ? k.substring(0, k.indexOf('{')) : k;
            if (n.equals(name)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
