package io.prewarm.telemetry;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code prewarm_build_info{version}}: the version that is running, registered at startup. */
@ApplicationScoped
public class BuildInfo {
    private static volatile Info info;

    void onStart(@Observes StartupEvent event) {
        register();
    }

    static synchronized void register() {
        if (info == null) {
            String v = BuildInfo.class.getPackage().getImplementationVersion();
            Info created = Info.builder().name("prewarm_build_info").help("The prewarm version that is running.")
                    .labelNames("version").build();
            created.addLabelValues(v == null ? "dev" : v);
            try {
                PrometheusRegistry.defaultRegistry.register(created);
            } catch (IllegalArgumentException alreadyRegistered) {
                // a restarted application in the same JVM (tests) finds the metric already there
            }
            info = created;
        }
    }
}
