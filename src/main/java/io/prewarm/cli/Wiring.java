package io.prewarm.cli;

import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.MetricsSource;
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

import java.net.URI;

/** Builds the stages of a plan run from the command line's choices. */
@ApplicationScoped
public class Wiring {
    /** {@code scheme://user[:password]@}: anything with an {@code @} before the first {@code /} after the scheme. */
    private static final java.util.regex.Pattern CREDENTIALS = java.util.regex.Pattern.compile("^https?://[^/?#]*@");
    private final AlertRulesRenderer alertRules = new AlertRulesRenderer();

    @Inject
    TerraformConfig terraform;

    @Inject
    PrometheusSourceFactory prometheus;

    @Inject
    Telemetry telemetry;

    /** The stages for a history source: {@code demo} or a Prometheus base URL. */
    public Stages stages(String metricsSpec) {
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

    MetricsSource metrics(String spec) {
        if (spec.equals("demo")) {
            return new DemoMetricsSource();
        }
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            // user info is a credential: refused, and never echoed (not even in a malformed URL)
            if (CREDENTIALS.matcher(spec).find()) {
                throw new InvalidInputException("--metrics: credentials in URLs are refused; set "
                        + "prewarm.prometheus.basic-auth.username and password, or prewarm.prometheus.bearer-token");
            }
            URI uri;
            try {
                uri = URI.create(spec);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--metrics: '" + spec + "' is not a valid URL");
            }
            if (uri.getHost() == null) {
                throw new InvalidInputException("--metrics: '" + spec + "' has no host");
            }
            try {
                return prometheus.open(uri).reportTo(telemetry == null ? null : telemetry.reads());
            } catch (IllegalArgumentException e) {
                // the URL or the prewarm.prometheus.* settings; the messages carry no secret
                throw new InvalidInputException("--metrics: " + e.getMessage());
            }
        }
        if (spec.startsWith("file:")) {
            java.nio.file.Path dir = java.nio.file.Path.of(spec.substring("file:".length()));
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new InvalidInputException("--metrics: '" + spec + "': " + dir + " is not a directory");
            }
            return new io.prewarm.metrics.file.CsvDirectoryMetricsSource(dir);
        }
        throw new InvalidInputException("--metrics: '" + spec + "' is neither 'demo', 'file:DIR' nor an http(s)"
                + " Prometheus URL");
    }
}
