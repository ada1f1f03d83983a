package io.prewarm.render;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.hcl.CommonBlocks;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclWriter;
import io.prewarm.render.hcl.Naming;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every target's renderer shares: one Terraform root per service in {@code generated/<environment>/<service>/}
 * with {@code main.tf}, {@code variables.tf} and {@code versions.tf}, plus any files a target adds. A target
 * writes only what differs: the body of each file.
 *
 * <p>Order: {@code main.tf} is built first, so a plan the target cannot express fails with that message
 * before anything else is looked at.
 */
public abstract class TerraformRoot implements TerraformRenderer {
    private final TargetKind kind;
    private final Provider provider;

    /**
     * A Terraform provider of HashiCorp's namespace.
     *
     * @param name       the provider's local name; its source is {@code hashicorp/<name>}
     * @param constraint the provider versions the output is written for
     */
    public record Provider(String name, String constraint) {
    }

    /** A renderer of {@code kind}'s roots, written for {@code provider}. */
    protected TerraformRoot(TargetKind kind, Provider provider) {
        this.kind = kind;
        this.provider = provider;
    }

    @Override
    public final TargetKind kind() {
        return kind;
    }

    @Override
    public final RenderedFiles render(CapacityPlan plan, Optional<OverrideSpec> override) {
        String context = checkKind(plan);
        Map<String, HclBody> bodies = new TreeMap<>();
        bodies.put("main.tf", main(plan, override, context));
        bodies.put("variables.tf", variables(plan, context));
        bodies.put("versions.tf", versions(plan));
        extraFiles(plan, override, context).forEach((name, body) -> {
            if (bodies.putIfAbsent(name, body) != null) {
                throw new IllegalStateException(context + ": " + name + " rendered twice");
            }
        });
        String folder = Naming.folder(plan.key());
        Map<String, String> files = new TreeMap<>();
        bodies.forEach((name, body) -> files.put(folder + name, HclWriter.write(body)));
        return RenderedFiles.of(files);
    }

    /** {@code main.tf}: the target's resources, with the override applied when one is given. */
    protected abstract HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context);

    /** {@code variables.tf}: the target's identity as variables whose defaults come from the policy. */
    protected abstract HclBody variables(CapacityPlan plan, String context);

    /** The start of {@code main.tf}: the "generated, do not edit" header, the notes and the override's summary. */
    protected final HclBody header(CapacityPlan plan, Optional<OverrideSpec> override, String... notes) {
        return CommonBlocks.header(plan.key(), kind, override.map(OverrideSpec::summary), notes);
    }

    /** {@code versions.tf}: Terraform and the provider's version constraints; a target may add a provider block. */
    protected HclBody versions(CapacityPlan plan) {
        return CommonBlocks.versions(provider.name(), "hashicorp/" + provider.name(), provider.constraint());
    }

    /** Files beyond the three every root has, by file name (for example {@code outputs.tf}); none by default. */
    protected Map<String, HclBody> extraFiles(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        return Map.of();
    }
}
