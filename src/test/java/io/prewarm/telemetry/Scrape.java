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

    /** The same samples with the given labels removed (the Pushgateway adds job and instance). */
    Scrape without(String... labels) {
        java.util.Set<String> drop = java.util.Set.of(labels);
        StringBuilder text = new StringBuilder();
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        samples.forEach((k, v) -> {
            if (!k.contains("{")) {
                text.append(k).append(' ').append(v).append('\n');
                return;
            }
            Map<String, String> kept = new TreeMap<>();
            java.util.regex.Matcher m = label.matcher(k.substring(k.indexOf('{')));
            while (m.find()) {
                if (!drop.contains(m.group(1))) {
                    kept.put(m.group(1), m.group(2));
                }
            }
            text.append(k, 0, k.indexOf('{'));
            if (!kept.isEmpty()) {
                text.append(kept.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")));
            }
            text.append(' ').append(v).append('\n');
        });
        return new Scrape(text.toString());
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
