package io.prewarm.common;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The infrastructure a service's capacity lives on. The policy's {@code target.type} names one. */
public enum TargetKind {
    AWS_ASG("aws-asg", 125, Set.of(), Set.of("region", "cloudwatchNamespace", "cloudwatchMetric",
            "cloudwatchStatistic", "scaleOutAbove", "scaleInBelow")),
    KUBERNETES_HPA("kubernetes-hpa", 125, Set.of("namespace"), Set.of("kind")),
    KUBERNETES_KEDA("kubernetes-keda", 125, Set.of("namespace"), Set.of("kind", "prometheusServer")),
    GCP_MIG("gcp-mig", 128, Set.of("project", "zone"), Set.of()),
    AZURE_VMSS("azure-vmss", 19, Set.of("resourceGroup", "location", "resourceId"), Set.of());

    private final String id;
    private final int scheduleQuota;
    private final Set<String> requiredAttributes;
    private final Set<String> optionalAttributes;

    TargetKind(String id, int scheduleQuota, Set<String> requiredAttributes, Set<String> optionalAttributes) {
        this.id = id;
        this.scheduleQuota = scheduleQuota;
        this.requiredAttributes = requiredAttributes;
        this.optionalAttributes = optionalAttributes;
    }

    /**
     * How many scheduled actions a plan may use: the provider's quota less what a freeze or an emergency
     * floor adds beside the plan (two on AWS: pin now, release at expiry), so an override always fits.
     */
    public int planQuota() {
        return this == AWS_ASG ? scheduleQuota - 2 : scheduleQuota;
    }

    /** Attributes a policy's {@code target} block must give for this kind (besides {@code type} and {@code name}). */
    public Set<String> requiredAttributes() {
        return requiredAttributes;
    }

    /** Attributes a policy's {@code target} block may give for this kind. */
    public Set<String> optionalAttributes() {
        return optionalAttributes;
    }

    /** The name used in policy files. */
    public String id() {
        return id;
    }

    /**
     * How many scheduled actions the provider accepts for one group: AWS 125 per Auto Scaling group,
     * GCP 128 scaling schedules per MIG, Azure 20 profiles per autoscale setting less the default profile
     * (so 19 scheduled starts). Kubernetes has no
     * hard limit; we keep AWS's so plans stay reviewable.
     */
    public int scheduleQuota() {
        return scheduleQuota;
    }

    public static Optional<TargetKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
