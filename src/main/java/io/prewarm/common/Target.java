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

    /**
     * Whether what prewarm renders for this target also drives its reactive layer: the autoscaler's own
     * metric on Kubernetes (HPA, KEDA), GCP and Azure; on AWS the CloudWatch alarms, which are rendered
     * only when the policy names a CloudWatch metric ({@code cloudwatchMetric}). Without a trigger, the
     * scheduled floors are all the capacity there is, unless the user wires alarms of their own.
     */
    public boolean hasReactiveTrigger() {
        return kind != TargetKind.AWS_ASG || attributes.containsKey("cloudwatchMetric");
    }

    public String attribute(String key, String fallback) {
        return attributes.getOrDefault(key, fallback);
    }
}
