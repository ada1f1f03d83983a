package io.prewarm.render;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;

/** Renders a capacity plan as Terraform for one kind of target. Deterministic, {@code terraform fmt} style. */
public interface TerraformRenderer {

    /** The target kind this renderer handles. */
    TargetKind kind();

    /**
     * @param plan the plan
     * @return files under {@code generated/<environment>/<service>/}
     */
    RenderedFiles render(CapacityPlan plan);
}
