package io.prewarm.telemetry;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** CDI: one {@link Telemetry} per application start, on its own registry, created on first use. */
@ApplicationScoped
public class TelemetryProducer {
    @Produces
    @Singleton
    Telemetry telemetry(TelemetryConfig.Pushgateway pushgateway, TelemetryConfig.Files files,
                        TelemetryConfig.Audit audit) {
        return Telemetry.create(new TelemetryConfig(pushgateway, files, audit), new PrometheusRegistry(),
                Clock.systemUTC());
    }
}
