package io.prewarm.pipeline;

import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.CapacityPlanner;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.RenderedFiles;
import io.prewarm.render.TerraformRenderer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
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
                     Function<TargetKind, TerraformRenderer> renderers, HolidayResolver holidays,
                     NormalPeak normalPeak, Function<CapacityPlan, RenderedFiles> alertRules) {
    public Stages {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(forecaster, "forecaster");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(renderers, "renderers");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(normalPeak, "normalPeak");
        Objects.requireNonNull(alertRules, "alertRules");
    }

    /** Holiday dates of a policy in a date range. */
    @FunctionalInterface
    public interface HolidayResolver {
        Set<LocalDate> between(ServicePolicy policy, LocalDate from, LocalDate to);
    }

    /** The normal peak of demand in a history. */
    @FunctionalInterface
    public interface NormalPeak {
        double of(TimeSeries history, ZoneId zone);
    }
}
