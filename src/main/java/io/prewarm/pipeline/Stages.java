package io.prewarm.pipeline;

import io.prewarm.common.Checks;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.CapacityPlanner;
import io.prewarm.plan.ServicePlanning;
import io.prewarm.render.RenderedFiles;
import io.prewarm.render.TerraformRenderer;

import java.util.function.Function;

/**
 * The stages one plan run wires together. Every stage is a port, so tests and the offline demo swap
 * adapters without touching the run.
 *
 * @param metrics    where history comes from
 * @param forecaster the forecast engine
 * @param planner    the capacity planner
 * @param renderers  the Terraform renderer for each target kind
 * @param holidays   the holiday dates of a policy between two dates (inclusive)
 * @param normalPeak the normal peak of demand in a history (base of the safety cap)
 * @param alertRules the Prometheus alerting rules of a plan's leading indicators
 */
public record Stages(MetricsSource metrics, Forecaster forecaster, CapacityPlanner planner,
                     Function<TargetKind, TerraformRenderer> renderers, ServicePlanning.Holidays holidays,
                     ServicePlanning.NormalPeak normalPeak, Function<CapacityPlan, RenderedFiles> alertRules) {
    public Stages {
        Checks.nonNull("metrics, forecaster, planner, renderers, holidays, normalPeak, alertRules",
                metrics, forecaster, planner, renderers, holidays, normalPeak, alertRules);
    }

    /** Planning one service with these stages: what {@code plan} and the merge request's backtest both run. */
    public ServicePlanning planning() {
        return new ServicePlanning(forecaster, planner, holidays, normalPeak);
    }
}
