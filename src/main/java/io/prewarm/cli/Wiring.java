package io.prewarm.cli;

import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.file.CsvDirectoryMetricsSource;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.pipeline.Stages;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.plan.ServicePlanning;
import io.prewarm.render.Renderers;
import io.prewarm.render.TerraformBackend;
import io.prewarm.render.TerraformConfig;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import io.prewarm.metrics.prometheus.PrometheusSourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import io.prewarm.telemetry.Telemetry;
import jakarta.inject.Inject;


/** Builds the stages of a plan run from the command line's choices. */
@ApplicationScoped
public class Wiring {
    private final AlertRulesRenderer alertRules = new AlertRulesRenderer();

    @Inject
    TerraformConfig terraform;

    @Inject
    PrometheusSourceFactory prometheus;

    @Inject
    Telemetry telemetry;

    /** The stages for a history source: the demo, CSV files or a Prometheus base URL. */
    public Stages stages(MetricsSpec metricsSpec) {
        Renderers renderers = new Renderers(backend(terraform));
        return new Stages(metrics(metricsSpec), new SmileForecaster(), new RulesPlanner(), renderers::forKind,
                ServicePlanning.Holidays.POLICY, ServicePlanning.NormalPeak.DAILY_PEAKS, alertRules::render);
    }

    /**
     * The state backend of {@code prewarm.terraform.backend} (the default, GitLab-managed state, without a
     * configuration); a value that names no backend is invalid input.
     */
    static TerraformBackend backend(TerraformConfig config) {
        try {
            return TerraformBackend.of(config == null ? TerraformBackend.DEFAULT : config.backend());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** The source {@code --metrics} names; Prometheus settings that make no sense are invalid input. */
    MetricsSource metrics(MetricsSpec spec) {
        if (spec instanceof MetricsSpec.Files f) {
            return new CsvDirectoryMetricsSource(f.dir());
        }
        if (spec instanceof MetricsSpec.Url u) {
            try {
                return prometheus.open(u.uri()).reportTo(telemetry == null ? null : telemetry.reads());
            } catch (IllegalArgumentException e) {
                // the URL or the prewarm.prometheus.* settings; the messages carry no secret
                throw new InvalidInputException("--metrics: " + e.getMessage());
            }
        }
        return new DemoMetricsSource();
    }
}
