package io.prewarm.telemetry;

import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /metrics}: prewarm's own metrics from the Prometheus Java client's default registry, in the
 * Prometheus text format or OpenMetrics by content negotiation ({@code Accept} header).
 */
@Path("/metrics")
public class MetricsResource {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    @GET
    public Response scrape(@HeaderParam("Accept") String accept) {
        var writer = FORMATS.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, PrometheusRegistry.defaultRegistry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics: " + e.getMessage(), e);
        }
        return Response.ok(out.toByteArray()).type(writer.getContentType()).build();
    }
}
