package io.prewarm.telemetry;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands a batch run's metrics over: to a Pushgateway when one is configured, otherwise to a file in the
 * Prometheus text format (for node_exporter's textfile collector, a CI artifact, or a human).
 */
public final class MetricsExport {
    private MetricsExport() {
    }

    /**
     * Pushes or writes {@code registry}.
     *
     * <p>A run that succeeded replaces the whole group ({@code PUT}), so services that are gone disappear.
     * A run that failed only replaces the metrics it has ({@code POST}): it has no
     * {@code prewarm_plan_last_success_timestamp_seconds} unless the state file knew it, and the one an
     * earlier successful run pushed must survive, or "plan not succeeded in N hours" could never fire.
     *
     * @return where the metrics went, for the log
     * @throws UncheckedIOException naming the Pushgateway (without credentials) or the file
     */
    public static String export(PrometheusRegistry registry, TelemetryConfig settings, boolean runSucceeded) {
        if (settings.pushgateway().url().isPresent()) {
            URI url = settings.pushgateway().url().get();
            PushGateway pg = pushGateway(registry, settings);
            try {
                if (runSucceeded) {
                    pg.push();
                } else {
                    pg.pushAdd();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("pushing metrics to " + TelemetryConfig.redacted(url) + ": "
                        + e.getMessage(), e);
            }
            return "pushgateway " + TelemetryConfig.redacted(url) + " job=" + settings.pushgateway().job()
                    + (settings.grouping().isEmpty() ? "" : " grouping=" + settings.grouping())
                    + (runSucceeded ? " method=PUT" : " method=POST");
        }
        writeFile(registry, settings.files().metricsFile());
        return "file " + settings.files().metricsFile();
    }

    /** The Pushgateway client for the settings (text format: the gateway's default is protobuf). */
    static PushGateway pushGateway(PrometheusRegistry registry, TelemetryConfig settings) {
        URI url = settings.pushgateway().url().orElseThrow();
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder b = PushGateway.builder().registry(registry).format(Format.PROMETHEUS_TEXT)
                .scheme(url.getScheme().equals("https") ? Scheme.HTTPS : Scheme.HTTP)
                .address(url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + path)
                .job(settings.pushgateway().job()).connectionTimeout(settings.pushgateway().timeout())
                .readTimeout(settings.pushgateway().timeout());
        settings.grouping().forEach(b::groupingKey);
        settings.pushgatewayToken().ifPresent(b::bearerToken);
        return b.build();
    }

    // Temporary files are created owner-only; node_exporter's textfile collector usually runs as another user.
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the default ACL applies
        }
    }

    /** Writes the registry in the Prometheus text format, atomically (a collector never reads half a file). */
    public static void writeFile(PrometheusRegistry registry, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".metrics", ".tmp");
            readableByAll(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                PrometheusTextFormatWriter.create().write(out, registry.scrape());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics to " + file + ": " + e.getMessage(), e);
        }
    }
}
