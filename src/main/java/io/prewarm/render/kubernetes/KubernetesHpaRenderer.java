package io.prewarm.render.kubernetes;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;

import java.util.Optional;

/**
 * Renders a plan as a {@code kubernetes_horizontal_pod_autoscaler_v2} whose {@code behavior} carries the
 * brief's rates. An HPA has no schedules, so the plan's scheduled floors cannot be expressed: the HPA
 * holds the plan's limits and the file says how many actions it leaves out (use {@code kubernetes-keda}
 * to pre-warm). Metrics are left to the HPA default (80% CPU) unless the user adds their own.
 *
 * <p>Freeze: {@code min_replicas = max_replicas = count}, which the HPA controller cannot leave.
 * Emergency floor: both raised to at least the count. Neither can expire inside the cluster; the
 * pipeline re-renders the plan alone when the override ends.
 */
public final class KubernetesHpaRenderer extends KubernetesRoot {

    public KubernetesHpaRenderer() {
        super(TargetKind.KUBERNETES_HPA);
    }

    @Override
    protected HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        int[] replicas = replicas(plan, override);
        if (replicas[1] < 1) {
            throw new IllegalArgumentException(context + ": an HPA cannot hold 0 replicas (freeze at 0)");
        }
        String note = plan.actions().isEmpty() ? "The plan has no scheduled actions."
                : "An HPA cannot schedule floors: " + plan.actions().size()
                + " scheduled actions of the plan are not applied here; use target type kubernetes-keda to pre-warm.";
        HclBody file = header(plan, override, note);
        HclBody hpa = file.block("resource", "kubernetes_horizontal_pod_autoscaler_v2", "prewarm");
        HclBody metadata = hpa.block("metadata");
        metadata.attribute("name", HclExpr.ref("var.workload_name"));
        metadata.attribute("namespace", HclExpr.ref("var.namespace"));
        metadata.attribute("labels", HclExpr.object().put(MANAGED_BY, "prewarm").compact());

        HclBody spec = hpa.block("spec");
        spec.attribute("min_replicas", replicas[0]);
        spec.attribute("max_replicas", replicas[1]);
        HclBody ref = spec.block("scale_target_ref");
        ref.attribute("api_version", WORKLOAD_API);
        ref.attribute("kind", HclExpr.ref("var.workload_kind"));
        ref.attribute("name", HclExpr.ref("var.workload_name"));

        Behavior b = Behavior.of(plan.limits());
        HclBody behavior = spec.block("behavior");
        HclBody up = behavior.block("scale_up");
        up.attribute("stabilization_window_seconds", 0);
        up.attribute("select_policy", "Max");
        policy(up, "Percent", b.upPercent(), Behavior.UP_PERIOD);
        policy(up, "Pods", b.upPods(), Behavior.UP_PERIOD);
        HclBody down = behavior.block("scale_down");
        down.attribute("stabilization_window_seconds", b.downStabilization());
        down.attribute("select_policy", "Min");
        policy(down, "Percent", b.downPercent(), b.downPeriod());
        return file;
    }

    private static void policy(HclBody parent, String type, int value, int period) {
        HclBody p = parent.block("policy");
        p.attribute("type", type);
        p.attribute("value", value);
        p.attribute("period_seconds", period);
    }
}
