package io.prewarm.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Telemetry configuration, in three prefixes so that no mapping claims all of {@code prewarm.*}:
 * {@code prewarm.pushgateway.*}, {@code prewarm.telemetry.*} and {@code prewarm.audit.*}.
 */
public final class TelemetryConfig {
    private TelemetryConfig() {
    }

    /** Where {@code plan} pushes its metrics. */
    @ConfigMapping(prefix = "prewarm.pushgateway")
    public interface Pushgateway {
        /**
         * {@code http(s)://host:port[/prefix]} of a Pushgateway (env {@code PREWARM_PUSHGATEWAY_URL}). When set,
         * {@code plan} pushes its metrics there instead of writing {@code prewarm.telemetry.metrics-file}.
         */
        Optional<URI> url();

        /** Bearer token for the Pushgateway (env {@code PREWARM_PUSHGATEWAY_TOKEN}); never logged. */
        Optional<String> token();

        /** The {@code job} grouping label. */
        @WithDefault("prewarm-plan")
        String job();

        /**
         * Further grouping labels, e.g. {@code prewarm.pushgateway.grouping.repository=infra-live}, for several
         * plan jobs that push to one gateway.
         */
        Map<String, String> grouping();

        /** Connect and read timeout of a push. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Telemetry files. */
    @ConfigMapping(prefix = "prewarm.telemetry")
    public interface Files {
        /** Where {@code plan} writes its metrics (Prometheus text format) when no Pushgateway is configured. */
        @WithDefault(".prewarm/metrics.prom")
        Path metricsFile();

        /**
         * State kept between plan runs (last success, last forecast per service, for the forecast error);
         * {@code none} keeps no state.
         */
        @WithDefault(".prewarm/state.json")
        String stateFile();
    }

    /** The audit log. */
    @ConfigMapping(prefix = "prewarm.audit")
    public interface Audit {
        /** The audit log (JSON Lines, appended); {@code none} writes audit lines to the application log only. */
        @WithDefault(".prewarm/audit.jsonl")
        String file();

        /** Who decides in a plan run, as the audit log names it (for example the CI user). */
        @WithDefault("prewarm-plan")
        String actor();
    }

    /** The validated settings. */
    public static TelemetrySettings settings(Pushgateway pushgateway, Files files, Audit audit) {
        return new TelemetrySettings(pushgateway.url(), pushgateway.token().filter(t -> !t.isBlank()),
                pushgateway.job(), pushgateway.grouping(), pushgateway.timeout(), files.metricsFile(),
                optionalPath(audit.file()), optionalPath(files.stateFile()), audit.actor());
    }

    private static Optional<Path> optionalPath(String value) {
        return value.isBlank() || value.equals("none") ? Optional.empty() : Optional.of(Path.of(value));
    }
}
