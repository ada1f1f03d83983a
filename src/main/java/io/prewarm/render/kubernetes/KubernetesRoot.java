package io.prewarm.render.kubernetes;

import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.TerraformRoot;
import io.prewarm.render.hcl.CommonBlocks;
import io.prewarm.render.hcl.HclBody;

import java.util.Optional;

/** What both Kubernetes renderers share: the provider, variables and override arithmetic. */
abstract class KubernetesRoot extends TerraformRoot {
    static final String PROVIDER_CONSTRAINT = ">= 2.23, < 3.0";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String WORKLOAD_API = "apps/v1";

    KubernetesRoot(TargetKind kind) {
        super(kind, new Provider("kubernetes", PROVIDER_CONSTRAINT));
    }

    @Override
    protected final HclBody variables(CapacityPlan plan, String context) {
        Target t = plan.target();
        HclBody file = new HclBody();
        CommonBlocks.targetVariable(file, "namespace", "Namespace of the workload", t, "namespace", context);
        CommonBlocks.stringVariable(file, "workload_name", "Name of the scaled workload (policy target.name).", t.name());
        CommonBlocks.stringVariable(file, "workload_kind", "Kind of the scaled workload (policy target.kind).",
                t.attribute("kind", "Deployment"));
        return file;
    }

    /**
     * {@code [min, max]} replicas under the override: pinned for a freeze, raised for a floor. Without a
     * freeze the minimum is at least 1: an HPA cannot scale to zero (KEDA can, but then its cooldown
     * rules apply, which the plan does not model).
     */
    static int[] replicas(CapacityPlan plan, Optional<OverrideSpec> override) {
        int min = Math.max(1, plan.limits().min());
        int max = plan.limits().max();
        if (override.isEmpty()) {
            return new int[] {min, max};
        }
        OverrideSpec o = override.get();
        return o.kind() == OverrideSpec.Kind.FREEZE ? new int[] {o.count(), o.count()}
                : new int[] {o.raise(min), o.raise(max)};
    }
}
