package io.prewarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifests of {@code prewarm serve} under deploy/kubernetes, raw or rendered. */
final class Manifests {
    static final Path BASE = Path.of("deploy/kubernetes/base");
    static final Path OVERLAY = Path.of("deploy/kubernetes/overlays/example");
    /** The ConfigMap (generated) whose keys become serve's environment. */
    static final String CONFIG_MAP = "prewarm-serve";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every document of a multi-document YAML stream. */
    static List<JsonNode> documents(String yaml) {
        try (var parser = YAML.createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isMissingNode() && !d.isNull()) {
                    docs.add(d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one document of this kind, failing when there is none or more. */
    static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    /**
     * The literals of the serve ConfigMap as the example overlay renders them: the base's generator merged
     * with the overlay's ({@code behavior: merge}), read from the kustomization files without kubectl.
     */
    static Map<String, String> configLiterals() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Path dir : List.of(BASE, OVERLAY)) {
            for (JsonNode gen : read(dir.resolve("kustomization.yaml")).path("configMapGenerator")) {
                if (gen.path("name").asText().equals(CONFIG_MAP)) {
                    for (JsonNode literal : gen.path("literals")) {
                        String[] kv = literal.asText().split("=", 2);
                        env.put(kv[0], kv[1]);
                    }
                }
            }
        }
        return env;
    }

    /** The serve container of the base Deployment, read without kubectl. */
    static JsonNode serveContainer() {
        JsonNode containers = read(BASE.resolve("deployment.yaml")).at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }
}
