package io.prewarm.common;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a service runs: the kind of target, the name of the scaled resource (Auto Scaling group,
 * Deployment, managed instance group, scale set) and the kind-specific attributes (namespace, project,
 * zone, resource group, ...), kept sorted so renderings are deterministic.
 */
public record Target(TargetKind kind, String name, Map<String, String> attributes) {
    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("target name must not be blank");
        }
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
    }

    public String attribute(String key, String fallback) {
        return attributes.getOrDefault(key, fallback);
    }
}
