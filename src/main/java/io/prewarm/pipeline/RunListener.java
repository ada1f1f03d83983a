package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;
import io.prewarm.forecast.Forecast;
import io.prewarm.gitops.MergeRequestOutcome;
import io.prewarm.gitops.PublishResult;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.plan.CapacityPlan;

import java.time.Duration;

/**
 * What a plan run tells an observer (telemetry) while it runs. The run owns this port so that it never
 * depends on the observer; every method has a no-op default. Methods are called from the run's worker
 * threads, concurrently for different services, so implementations must be thread-safe. An exception
 * thrown by a listener is logged and never changes the run's outcome.
 */
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {
    };

    /** The timed parts of a run. */
    enum Stage {
        /** Reading a service's freezes and emergency overrides. */
        OVERRIDES,
        /** Reading a service's demand history. */
        HISTORY,
        FORECAST,
        PLAN,
        RENDER,
        /** Committing and pushing the proposal branch (once per run). */
        PUBLISH;

        /** The label value: lowercase. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A stage finished (successfully or not) for a service; {@code key} is null for run-level stages. */
    default void stageFinished(ServiceKey key, Stage stage, Duration elapsed) {
    }

    /** The overrides in force for a service at the planning instant (possibly none). */
    default void overridesRead(ServiceKey key, ServiceOverrides active) {
    }

    /** A service was planned: the history just read, the forecast and the plan made from it. */
    default void servicePlanned(ServiceKey key, TimeSeries history, Forecast forecast, CapacityPlan plan) {
    }

    /** The proposal was committed and pushed, or found already in place. */
    default void published(PublishResult result) {
    }

    /** Committing or pushing the proposal failed; {@link #runFailed} follows. */
    default void publishFailed(RuntimeException error) {
    }

    /** The proposal's merge request was created, updated, left unchanged or printed. */
    default void mergeRequestPublished(MergeRequestOutcome outcome) {
    }

    /** Publishing the merge request failed; {@link #runFinished} follows with the error in the summary. */
    default void mergeRequestFailed(RuntimeException error) {
    }

    /** The run finished with a summary (which may report failed services). */
    default void runFinished(RunSummary summary, Duration elapsed) {
    }

    /** The run itself failed (for example pushing the proposal), so there is no summary. */
    default void runFailed(Throwable error, Duration elapsed) {
    }
}
