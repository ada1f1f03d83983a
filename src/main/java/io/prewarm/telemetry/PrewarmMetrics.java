package io.prewarm.telemetry;

import io.prewarm.common.ReasonCode;
import io.prewarm.metrics.ReadEvents;
import io.prewarm.pipeline.RunListener;
import io.prewarm.pipeline.ServiceResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Objects;

/**
 * prewarm's own meters, all named {@code prewarm_*}, registered on one registry. Labels are bounded:
 * environment and service come from the policy files, everything else from fixed enums; never a
 * request id, an actor or a timestamp. docs/telemetry.md lists every metric.
 */
public final class PrewarmMetrics {
    static final String[] SERVICE = {"environment", "service"};
    static final String[] SERVICE_TARGET = {"environment", "service", "target"};

    final PrometheusRegistry registry;

    final Counter planRuns;
    final Gauge lastRunTimestamp;
    final Gauge lastRunSuccess;
    private volatile Gauge lastSuccessTimestamp;
    final Gauge runDuration;
    final Histogram stageDuration;
    final Gauge services;
    final Gauge peakCapacity;
    final Gauge minInstances;
    final Gauge maxInstances;
    final Gauge safetyCapInstances;
    final Gauge actions;
    final Gauge safetyCapSteps;
    final Counter safetyCapHits;
    final Gauge historySamples;
    final Gauge historyMissing;
    final Gauge forecastError;
    final Gauge forecastUpperExceeded;
    final Gauge forecastEvaluated;

    final Counter readErrors;
    final Counter readRetries;
    final Counter gitPushes;
    final Counter gitPushRetries;
    final Counter mergeRequests;
    final Counter emergencyRequests;
    final Gauge overrideActive;
    final Gauge overrideSince;
    final Gauge overrideExpires;
    final Counter auditWriteErrors;

    private PrewarmMetrics(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        planRuns = counter("prewarm_plan_runs_total", "Plan runs by outcome (success, partial, failure).", "outcome");
        for (String o : new String[] {"success", "partial", "failure"}) {
            planRuns.initLabelValues(o);
        }
        lastRunTimestamp = gauge("prewarm_plan_last_run_timestamp_seconds", "When the last plan run ended.");
        lastRunSuccess = gauge("prewarm_plan_last_run_success", "1 when the last plan run planned every service.");
        runDuration = gauge("prewarm_plan_run_duration_seconds", "Wall time of the last plan run.");
        stageDuration = Histogram.builder().name("prewarm_plan_stage_duration_seconds").unit(Unit.SECONDS)
                .help("Time per stage and service of plan runs.").labelNames("stage").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
                .register(registry);
        for (RunListener.Stage s : RunListener.Stage.values()) {
            stageDuration.initLabelValues(s.label());
        }
        services = gauge("prewarm_plan_services", "Services of the last plan run by status.", "status");
        for (ServiceResult.Status s : ServiceResult.Status.values()) {
            services.initLabelValues(Labels.status(s));
        }
        peakCapacity = gauge("prewarm_plan_peak_capacity_instances",
                "Largest planned capacity over the plan horizon.", SERVICE_TARGET);
        minInstances = gauge("prewarm_plan_min_instances", "Minimum in force (policy or emergency floor).",
                SERVICE_TARGET);
        maxInstances = gauge("prewarm_plan_max_instances", "Effective maximum (policy max lowered to the safety cap).",
                SERVICE_TARGET);
        safetyCapInstances = gauge("prewarm_plan_safety_cap_instances", "Safety cap: factor times the normal peak.",
                SERVICE_TARGET);
        actions = gauge("prewarm_plan_actions", "Scheduled actions in the current plan by reason code.",
                "environment", "service", "reason");
        safetyCapSteps = gauge("prewarm_plan_safety_cap_steps",
                "Steps of the current plan where the demand needed more than the safety cap.", SERVICE);
        safetyCapHits = counter("prewarm_safety_cap_hits_total",
                "Plans that were clamped at the safety cap somewhere in their horizon.", SERVICE);
        historySamples = gauge("prewarm_history_samples", "Samples of demand history read by the last run.", SERVICE);
        historyMissing = gauge("prewarm_history_missing_samples", "Missing samples (gaps) in that history.", SERVICE);
        forecastError = gauge("prewarm_forecast_error_ratio",
                "Weighted absolute percentage error of the previous plan's point forecast against the demand "
                        + "that really happened (0.1 = 10%).", SERVICE);
        forecastUpperExceeded = gauge("prewarm_forecast_upper_exceeded_ratio",
                "Share of evaluated steps where real demand exceeded the previous plan's upper bound.", SERVICE);
        forecastEvaluated = gauge("prewarm_forecast_evaluated_samples",
                "Steps of the previous forecast compared with real demand.", SERVICE);

        readErrors = counter("prewarm_prometheus_read_errors_total",
                "Prometheus requests that failed for good, by cause.", "cause");
        readRetries = counter("prewarm_prometheus_read_retries_total",
                "Prometheus requests repeated after a retryable failure, by cause.", "cause");
        for (ReadEvents.Cause c : ReadEvents.Cause.values()) {
            readErrors.initLabelValues(c.label());
            readRetries.initLabelValues(c.label());
        }
        gitPushes = counter("prewarm_git_pushes_total",
                "Git publish attempts by outcome (pushed, no_change, failed).", "outcome");
        for (String o : new String[] {"pushed", "no_change", "failed"}) {
            gitPushes.initLabelValues(o);
        }
        gitPushRetries = counter("prewarm_git_push_retries_total", "Pushes repeated after a rejection or error.");
        mergeRequests = counter("prewarm_merge_requests_total",
                "Merge request operations by action (opened, updated, unchanged, closed, failed).", "action");
        for (MergeRequestAction a : MergeRequestAction.values()) {
            mergeRequests.initLabelValues(a.label());
        }
        emergencyRequests = counter("prewarm_emergency_requests_total",
                "Emergency webhook requests by endpoint, outcome and action.", "endpoint", "outcome", "action");
        overrideActive = gauge("prewarm_override_active",
                "1 for each active override (kind freeze or scale_up) of a service.", "environment", "service", "kind");
        overrideSince = gauge("prewarm_override_started_timestamp_seconds",
                "When an active override was created.", "environment", "service", "kind");
        overrideExpires = gauge("prewarm_override_expires_timestamp_seconds",
                "When an active override expires (absent for a freeze without expiry).", "environment", "service",
                "kind");
        auditWriteErrors = counter("prewarm_audit_write_errors_total", "Audit lines that could not be written to the file.");
    }

    /** Meters on {@code registry}; registering twice on the same registry fails, so keep one per registry. */
    public static PrewarmMetrics register(PrometheusRegistry registry) {
        return new PrewarmMetrics(registry);
    }

    /** The registry the meters live on. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** What happened to a merge request: a fixed set for the {@code action} label. */
    public enum MergeRequestAction {
        OPENED, UPDATED, UNCHANGED,
        /** An older prewarm merge request closed as superseded. */
        CLOSED,
        FAILED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Counts a merge request operation (the GitLab adapter or the CLI calls this). */
    public void mergeRequest(MergeRequestAction action) {
        mergeRequests.labelValues(action.label()).inc();
    }

    /** Counts a push repeated after a rejection (for a JGit adapter's retry hook: {@code metrics::gitPushRetried}). */
    public void gitPushRetried() {
        gitPushRetries.inc();
    }

    /** Sets the last successful plan time; registered on first use so that a run that never succeeded has none. */
    void lastSuccess(double epochSeconds) {
        Gauge g = lastSuccessTimestamp;
        if (g == null) {
            synchronized (this) {
                g = lastSuccessTimestamp;
                if (g == null) {
                    g = gauge("prewarm_plan_last_success_timestamp_seconds",
                            "When a plan run last planned every service.");
                    lastSuccessTimestamp = g;
                }
            }
        }
        g.set(epochSeconds);
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help, String... labels) {
        Gauge.Builder b = Gauge.builder().name(name).help(help).labelNames(labels);
        if (name.endsWith("_seconds")) {
            b.unit(Unit.SECONDS);
        }
        return b.register(registry);
    }

    /** Label values shared by the observers. */
    static final class Labels {
        private Labels() {
        }

        static String status(ServiceResult.Status s) {
            return s.name().toLowerCase(java.util.Locale.ROOT);
        }

        static String reason(ReasonCode r) {
            return r.name();
        }
    }
}
