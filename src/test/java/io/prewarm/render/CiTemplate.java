package io.prewarm.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The CI/CD component {@code templates/prewarm.yml}: its {@code spec} and its jobs, two YAML documents. */
public final class CiTemplate {
    public static final Path FILE = Path.of("templates/prewarm.yml");

    private CiTemplate() {
    }

    /** Both documents of a component file: {@code [spec, jobs]}. */
    public static List<JsonNode> documents(Path file) throws IOException {
        YAMLMapper mapper = new YAMLMapper();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    /** The jobs document of templates/prewarm.yml. */
    public static JsonNode jobs() throws IOException {
        List<JsonNode> docs = documents(FILE);
        if (docs.size() != 2) {
            throw new IllegalStateException(FILE + " has " + docs.size() + " YAML documents, expected spec and jobs");
        }
        return docs.get(1);
    }
}
