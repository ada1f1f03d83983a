package io.prewarm.render;

import java.util.Optional;

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
    default RenderedFiles render(CapacityPlan plan) {
        return render(plan, Optional.empty());
    }

    /**
     * Renders the plan with an active freeze or emergency floor applied: the same files and resource
     * addresses as {@link #render(CapacityPlan)} with values that lock or raise the count, plus, where a
     * target needs them, extra files (for example {@code freeze.tf}). When the override ends, rendering
     * the plan alone restores the normal files.
     *
     * @param plan     the current plan for the service
     * @param override the active override for the same service and target
     * @return files under {@code generated/<environment>/<service>/}
     */
    default RenderedFiles renderOverride(CapacityPlan plan, OverrideSpec override) {
        requireSameService(plan, override);
        return render(plan, Optional.of(override));
    }

    /**
     * Renders the plan, with the override applied when one is given; what {@link #render(CapacityPlan)} and
     * {@link #renderOverride} call.
     *
     * @throws IllegalArgumentException when the plan's target is not of {@link #kind()}, or does not fit
     */
    RenderedFiles render(CapacityPlan plan, Optional<OverrideSpec> override);

    /** The context of this renderer's messages ("rendering prod/web"); fails unless the plan is for {@link #kind()}. */
    default String checkKind(CapacityPlan plan) {
        String context = "rendering " + plan.key();
        if (plan.target().kind() != kind()) {
            throw new IllegalArgumentException(context + ": target kind " + plan.target().kind().id()
                    + " is not " + kind().id());
        }
        return context;
    }

    /** Fails unless {@code override} belongs to {@code plan}'s service and target. */
    static void requireSameService(CapacityPlan plan, OverrideSpec override) {
        if (!plan.key().equals(override.key()) || !plan.target().equals(override.target())) {
            throw new IllegalArgumentException("rendering override " + override.id() + ": it is for "
                    + override.key() + " " + override.target().kind().id() + " " + override.target().name()
                    + ", the plan for " + plan.key() + " " + plan.target().kind().id() + " " + plan.target().name());
        }
    }
}
