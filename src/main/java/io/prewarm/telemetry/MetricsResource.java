package io.prewarm.telemetry;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics}: prewarm's own metrics (the default registry with the build info, and the
 * {@link Telemetry} registry with every {@code prewarm_*} meter), in the
 * Prometheus text format or OpenMetrics by content negotiation ({@code Accept} header).
 */
@Path("/metrics")
public class MetricsResource {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    @Inject
    Telemetry telemetry;

    @GET
    public Response scrape(@HeaderParam("Accept") String accept) {
        var writer = FORMATS.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<MetricSnapshot> all = new ArrayList<>();
        PrometheusRegistry.defaultRegistry.scrape().forEach(all::add);
        telemetry.metrics().registry().scrape().forEach(all::add);
        try {
            writer.write(out, new MetricSnapshots(all));
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics: " + e.getMessage(), e);
        }
        return Response.ok(out.toByteArray()).type(writer.getContentType()).build();
    }
}
