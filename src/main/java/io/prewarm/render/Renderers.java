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

/**
 * The renderer for each target kind. Every root it renders also gets the state backend's
 * {@code backend.tf} ({@link TerraformBackend}).
 */
public final class Renderers {
    private final Map<TargetKind, TerraformRenderer> byKind = new EnumMap<>(TargetKind.class);
    private final AlertRulesRenderer alertRules = new AlertRulesRenderer();

    /** The built-in renderers, one per {@link TargetKind}, with the default backend (GitLab-managed state). */
    public Renderers() {
        this(TerraformBackend.of(TerraformBackend.DEFAULT));
    }

    /** The built-in renderers, one per {@link TargetKind}, writing {@code backend} into every root. */
    public Renderers(TerraformBackend backend) {
        this(List.of(new AwsAsgRenderer(), new KubernetesHpaRenderer(), new KedaRenderer(), new GcpMigRenderer(),
                new AzureVmssRenderer()), backend);
    }

    public Renderers(List<? extends TerraformRenderer> renderers) {
        this(renderers, TerraformBackend.of(TerraformBackend.DEFAULT));
    }

    public Renderers(List<? extends TerraformRenderer> renderers, TerraformBackend backend) {
        for (TerraformRenderer r : renderers) {
            if (byKind.putIfAbsent(r.kind(), new WithBackend(r, backend)) != null) {
                throw new IllegalArgumentException("registering renderers: two renderers for " + r.kind().id());
            }
        }
    }

    /** A renderer's files plus the root's {@code backend.tf}. */
    private record WithBackend(TerraformRenderer renderer, TerraformBackend backend) implements TerraformRenderer {
        @Override
        public TargetKind kind() {
            return renderer.kind();
        }

        @Override
        public RenderedFiles render(CapacityPlan plan, Optional<OverrideSpec> override) {
            RenderedFiles files = renderer.render(plan, override);
            Optional<String> path = backend.path(plan.key());
            return path.isEmpty() ? files
                    : files.plus(RenderedFiles.of(Map.of(path.get(), backend.render(plan.key()).orElseThrow())));
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
