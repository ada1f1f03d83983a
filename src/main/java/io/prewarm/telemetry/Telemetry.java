package io.prewarm.telemetry;

import io.prewarm.metrics.ReadEvents;
import io.prewarm.pipeline.EmergencyEvents;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.logging.Log;

import java.time.Clock;
import java.util.Objects;

/**
 * The entry point the CLI wires: one registry of prewarm's meters, the audit log, and the observers
 * that the pipeline, the Prometheus adapter and the emergency webhook report to.
 *
 * <pre>{@code
 * PlanTelemetry observer = telemetry.planRun();
 * RunSummary summary = new PlanRun(stages, observer).run(policies, workspace, options);
 * telemetry.export(observer);   // Pushgateway or metrics file
 * }</pre>
 */
public final class Telemetry {
    private final TelemetryConfig settings;
    private final PrewarmMetrics metrics;
    private final AuditLog audit;
    private final Clock clock;
    private final EmergencyTelemetry emergency;
    private final ReadTelemetry reads;

    private Telemetry(TelemetryConfig settings, PrewarmMetrics metrics, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = metrics;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new AuditLog(settings.auditFile(), metrics);
        this.emergency = new EmergencyTelemetry(metrics, audit, clock);
        this.reads = new ReadTelemetry(metrics);
    }

    /**
     * Telemetry on its own {@code registry}. The application's registry is not the default one: Quarkus
     * tests start the application several times in one JVM, and the default registry outlives each start
     * (a second registration of the same name fails). {@code /metrics} serves both.
     */
    public static Telemetry create(TelemetryConfig settings, PrometheusRegistry registry, Clock clock) {
        return new Telemetry(settings, PrewarmMetrics.register(registry), clock);
    }

    public TelemetryConfig settings() {
        return settings;
    }

    public PrewarmMetrics metrics() {
        return metrics;
    }

    public AuditLog audit() {
        return audit;
    }

    /**
     * The observer of one plan run (pass it to {@code new PlanRun(stages, listener)}); its audit lines go
     * to the audit file only (to the application log as well when there is no file).
     */
    public PlanTelemetry planRun() {
        return planRun(false);
    }

    /**
     * The observer of one plan run; {@code verbose} (the {@code --verbose} of {@code plan}) also writes
     * its audit lines to the application log, on stderr.
     */
    public PlanTelemetry planRun(boolean verbose) {
        return new PlanTelemetry(metrics, verbose ? audit : audit.quiet(), settings.stateFile(), clock,
                settings.audit().actor());
    }

    /** The observer of the emergency webhook. */
    public EmergencyEvents emergency() {
        return emergency;
    }

    /** The observer of the Prometheus adapter's requests. */
    public ReadEvents reads() {
        return reads;
    }

    /**
     * Pushes the metrics to the Pushgateway, or writes them to the metrics file. A failure is logged and
     * returned as false: the plan's work is done and published, losing its metrics must not fail it (the
     * "plan not succeeded" alert notices a run that never reports).
     */
    public boolean export(PlanTelemetry run) {
        if (!run.reported()) {
            Log.warnf("metrics not exported: the plan run reported no outcome");
            return false;
        }
        try {
            String where = MetricsExport.export(metrics.registry(), settings, run.succeeded());
            Log.infof("metrics exported to %s", where);
            return true;
        } catch (RuntimeException e) {
            Log.errorf("%s", e.getMessage());
            return false;
        }
    }
}
