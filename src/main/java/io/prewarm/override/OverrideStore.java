package io.prewarm.override;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.prewarm.common.ServiceKey;
import io.prewarm.gitops.GitWorkspace;

import java.io.IOException;
import java.util.Optional;

/** Reads and writes {@link ServiceOverrides} in the GitOps repository. */
public final class OverrideStore {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OverrideStore() {
    }

    /** Repository-relative path of a service's overrides. */
    public static String path(ServiceKey key) {
        return "overrides/" + key.environment().value() + "/" + key.service().value() + ".json";
    }

    /** The overrides stored for a service on the base branch, or none. */
    public static ServiceOverrides read(GitWorkspace workspace, ServiceKey key) {
        Optional<String> text = workspace.read(path(key));
        return text.map(t -> parse(t, path(key))).orElse(ServiceOverrides.none());
    }

    /** The overrides stored for a service at one commit of the base branch, or none. */
    public static ServiceOverrides read(GitWorkspace.BaseSnapshot snapshot, ServiceKey key) {
        return snapshot.read(path(key)).map(t -> parse(t, path(key))).orElse(ServiceOverrides.none());
    }

    static ServiceOverrides parse(String json, String name) {
        try {
            return JSON.readValue(json, ServiceOverrides.class);
        } catch (IOException e) {
            throw new OverrideException("reading " + name + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** The JSON text of overrides, deterministic (sorted keys, ISO-8601 instants, newline at the end). */
    public static String render(ServiceOverrides overrides) {
        try {
            return JSON.writeValueAsString(overrides) + "\n";
        } catch (IOException e) {
            throw new OverrideException("writing overrides: " + e.getMessage());
        }
    }
}
