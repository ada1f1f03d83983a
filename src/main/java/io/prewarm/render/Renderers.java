package io.prewarm.render;

import io.prewarm.common.TargetKind;
import io.prewarm.render.aws.AwsAsgRenderer;
import io.prewarm.render.azure.AzureVmssRenderer;
import io.prewarm.render.google.GcpMigRenderer;
import io.prewarm.render.kubernetes.KedaRenderer;
import io.prewarm.render.kubernetes.KubernetesHpaRenderer;

import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.prometheus.AlertRulesRenderer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The renderer for each target kind. */
public final class Renderers {
    private final Map<TargetKind, TerraformRenderer> byKind = new EnumMap<>(TargetKind.class);
    private final AlertRulesRenderer alertRules = new AlertRulesRenderer();

    /** The built-in renderers, one per {@link TargetKind}. */
    public Renderers() {
        this(List.of(new AwsAsgRenderer(), new KubernetesHpaRenderer(), new KedaRenderer(), new GcpMigRenderer(),
                new AzureVmssRenderer()));
    }

    public Renderers(List<? extends TerraformRenderer> renderers) {
        for (TerraformRenderer r : renderers) {
            if (byKind.putIfAbsent(r.kind(), r) != null) {
                throw new IllegalArgumentException("registering renderers: two renderers for " + r.kind().id());
            }
        }
    }

    /**
     * Everything generated for one service: its target's Terraform (with the override applied when one
     * is active) and its Prometheus alerting rules. The service's folder
     * ({@code generated/<environment>/<service>/}) and rule file belong to prewarm: a publisher should
     * delete files there that are not in the result (for example {@code freeze.tf} after a freeze ends).
     */
    public RenderedFiles renderService(CapacityPlan plan, Optional<OverrideSpec> override) {
        TerraformRenderer renderer = forKind(plan.target().kind());
        RenderedFiles terraform = override.isPresent() ? renderer.renderOverride(plan, override.get()) : renderer.render(plan);
        return terraform.plus(alertRules.render(plan));
    }

    /** The renderer for {@code kind}; fails with the kind's name when none is registered. */
    public TerraformRenderer forKind(TargetKind kind) {
        TerraformRenderer r = byKind.get(kind);
        if (r == null) {
            throw new IllegalArgumentException("rendering: no renderer for target kind " + kind.id());
        }
        return r;
    }
}
