package io.prewarm.telemetry;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.forecast.Forecast;
import io.prewarm.gitops.MergeRequestOutcome;
import io.prewarm.gitops.PublishResult;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.RunListener;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanStep;
import io.prewarm.plan.ScalingAction;
import io.quarkus.logging.Log;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes one {@code plan} run: fills {@link PrewarmMetrics}, writes the audit lines of every decision
 * (with the commit, once the run is published), measures the previous forecast's error against the
 * history just read, and keeps the state for the next run. Thread-safe: the run calls it from its
 * worker threads.
 */
public final class PlanTelemetry implements RunListener {
    private final PrewarmMetrics metrics;
    private final AuditLog audit;
    private final Optional<Path> stateFile;
    private final TelemetryState previous;
    private final Clock clock;
    private final String actor;
    private final Map<String, ForecastError.Snapshot> forecasts = new ConcurrentHashMap<>();
    private volatile boolean succeeded;
    private volatile boolean reported;

    /**
     * @param metrics   the meters to fill
     * @param audit     where decisions go
     * @param stateFile the state kept between runs (last success, last forecasts), or empty for none
     * @param clock     the clock of run end timestamps
     * @param actor     who decides in a plan run, as the audit log names it (for example the CI user)
     */
    public PlanTelemetry(PrewarmMetrics metrics, AuditLog audit, Optional<Path> stateFile, Clock clock, String actor) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.previous = stateFile.map(TelemetryState::load).orElse(TelemetryState.empty());
        previous.lastSuccess().ifPresent(t -> metrics.lastSuccess(t.getEpochSecond()));
    }

    public PrewarmMetrics metrics() {
        return metrics;
    }

    /** Where this run's audit lines go. */
    AuditLog audit() {
        return audit;
    }

    /** Whether the observed run planned every service. */
    public boolean succeeded() {
        return succeeded;
    }

    /** Whether the run reported its end ({@link #runFinished} or {@link #runFailed}). */
    public boolean reported() {
        return reported;
    }

    /**
     * Records a failure that stopped the run before it could report one itself (cloning the repository,
     * for example), so the run still counts as failed; a no-op when the run already reported.
     */
    public void failedBeforeRun(Throwable error) {
        if (!reported) {
            runFailed(error, Duration.ZERO);
        }
    }

    @Override
    public void stageFinished(ServiceKey key, Stage stage, Duration elapsed) {
        metrics.stageDuration.labelValues(stage.label()).observe(elapsed.toNanos() / 1e9);
    }

    @Override
    public void overridesRead(ServiceKey key, ServiceOverrides active) {
        Overrides.track(metrics, key, active);
    }

    @Override
    public void servicePlanned(ServiceKey key, TimeSeries history, Forecast forecast, CapacityPlan plan) {
        String env = key.environment().value();
        String svc = key.service().value();
        ForecastError.Snapshot before = previous.forecasts().get(key.path());
        if (before != null) {
            ForecastError.of(before, history).ifPresent(e -> {
                metrics.forecastError.labelValues(env, svc).set(e.wape());
                metrics.forecastUpperExceeded.labelValues(env, svc).set(e.upperExceeded());
                metrics.forecastEvaluated.labelValues(env, svc).set(e.samples());
                Log.infof("forecast error service=%s wape=%.3f upper_exceeded=%.3f samples=%d", key, e.wape(),
                        e.upperExceeded(), e.samples());
            });
        }
        forecasts.put(key.path(), new ForecastError.Snapshot(forecast.start(), forecast.step().getSeconds(),
                forecast.point(), forecast.upper()));
    }

    @Override
    public void published(PublishResult result) {
        metrics.gitPushes.labelValues(result.status() == PublishResult.Status.UPDATED ? "pushed" : "no_change").inc();
    }

    @Override
    public void publishFailed(RuntimeException error) {
        metrics.gitPushes.labelValues("failed").inc();
    }

    @Override
    public void mergeRequestPublished(MergeRequestOutcome outcome) {
        switch (outcome.status()) {
            case CREATED -> metrics.mergeRequest(PrewarmMetrics.MergeRequestAction.OPENED);
            case UPDATED -> metrics.mergeRequest(PrewarmMetrics.MergeRequestAction.UPDATED);
            case UNCHANGED -> metrics.mergeRequest(PrewarmMetrics.MergeRequestAction.UNCHANGED);
            case PRINTED -> {
                // no forge configured: the description went to stdout, no merge request exists
            }
        }
        outcome.closed().forEach(iid -> metrics.mergeRequest(PrewarmMetrics.MergeRequestAction.CLOSED));
    }

    @Override
    public void mergeRequestFailed(RuntimeException error) {
        metrics.mergeRequest(PrewarmMetrics.MergeRequestAction.FAILED);
    }

    @Override
    public void runFinished(RunSummary summary, Duration elapsed) {
        long failed = summary.count(ServiceResult.Status.FAILED);
        // a failed merge request step (after a push) fails the run: its proposal awaits no review
        String outcome = summary.error().isPresent() ? "failure"
                : failed == 0 ? "success" : failed < summary.services().size() ? "partial" : "failure";
        finish(outcome, elapsed);
        for (ServiceResult.Status s : ServiceResult.Status.values()) {
            metrics.services.labelValues(PrewarmMetrics.Labels.status(s)).set(summary.count(s));
        }
        List<AuditEntry> lines = new ArrayList<>();
        Instant now = clock.instant();
        for (ServiceResult r : summary.services()) {
            r.plan().ifPresent(this::recordPlan);
            String env = r.key().environment().value();
            String svc = r.key().service().value();
            if (r.status() != ServiceResult.Status.FAILED) {
                metrics.historySamples.labelValues(env, svc).set(r.historySamples());
                metrics.historyMissing.labelValues(env, svc).set(r.historyMissing());
            }
            lines.addAll(AuditLines.of(r, summary, actor, now));
        }
        audit.write(lines);
        saveState();
    }

    @Override
    public void runFailed(Throwable error, Duration elapsed) {
        finish("failure", elapsed);
        saveState();
    }

    private void finish(String outcome, Duration elapsed) {
        Instant now = clock.instant();
        reported = true;
        succeeded = outcome.equals("success");
        metrics.planRuns.labelValues(outcome).inc();
        metrics.lastRunTimestamp.set(now.getEpochSecond());
        metrics.lastRunSuccess.set(succeeded ? 1 : 0);
        metrics.runDuration.set(elapsed.toNanos() / 1e9);
        if (succeeded) {
            metrics.lastSuccess(now.getEpochSecond());
        }
    }

    private void recordPlan(CapacityPlan plan) {
        String env = plan.key().environment().value();
        String svc = plan.key().service().value();
        String target = plan.target().kind().id();
        metrics.peakCapacity.labelValues(env, svc, target).set(plan.peakCapacity());
        metrics.minInstances.labelValues(env, svc, target).set(plan.limits().min());
        metrics.maxInstances.labelValues(env, svc, target).set(plan.limits().max());
        metrics.safetyCapInstances.labelValues(env, svc, target).set(plan.limits().safetyCap());
        Map<ReasonCode, Integer> byReason = new EnumMap<>(ReasonCode.class);
        for (ScalingAction a : plan.actions()) {
            byReason.merge(a.reason(), 1, Integer::sum);
        }
        byReason.forEach((reason, n) -> metrics.actions.labelValues(env, svc, PrewarmMetrics.Labels.reason(reason)).set(n));
        int capped = safetyCapSteps(plan);
        metrics.safetyCapSteps.labelValues(env, svc).set(capped);
        if (capped > 0) {
            metrics.safetyCapHits.labelValues(env, svc).inc();
        }
    }

    /** Steps where the plan sits at the safety cap because demand needed more. */
    static int safetyCapSteps(CapacityPlan plan) {
        int cap = plan.limits().safetyCap();
        int n = 0;
        for (PlanStep s : plan.timeline()) {
            if (s.reason() == ReasonCode.SAFETY_CAP || (s.required() > cap && s.capacity() >= cap)) {
                n++;
            }
        }
        return n;
    }

    // Forecasts of a failed or dry run are kept too: they are what was predicted, and the next run
    // measures them against what happened. Services not planned this time keep their older forecast.
    private void saveState() {
        if (stateFile.isEmpty()) {
            return;
        }
        Optional<Instant> success = succeeded ? Optional.of(clock.instant()) : Optional.empty();
        try {
            previous.with(new LinkedHashMap<>(forecasts), success).save(stateFile.get());
        } catch (RuntimeException e) {
            Log.warnf("%s", e.getMessage());
        }
    }
}
