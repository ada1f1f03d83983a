package io.prewarm.gitops;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a CI pipeline for a change that was pushed straight to the base branch, so that an emergency
 * action is applied in seconds instead of at the next scheduled run.
 */
public interface PipelineTrigger {

    /**
     * Triggers a pipeline on {@code ref} with {@code variables} (for example the service whose folder changed).
     * Never throws for a failed trigger: the change is already committed, so the outcome is reported instead.
     */
    Outcome trigger(String ref, Map<String, String> variables);

    /** Whether a real CI system is behind this trigger (false: the no-op one). */
    boolean configured();

    /**
     * What triggering did.
     *
     * @param status  TRIGGERED, SKIPPED (not configured) or FAILED
     * @param id      the pipeline id when triggered
     * @param webUrl  the pipeline's page when triggered
     * @param message one line for the operator (why it was skipped or failed), without secrets
     */
    record Outcome(Status status, Optional<Long> id, Optional<String> webUrl, String message) {
        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(webUrl, "webUrl");
            Objects.requireNonNull(message, "message");
        }

        public static Outcome skipped(String why) {
            return new Outcome(Status.SKIPPED, Optional.empty(), Optional.empty(), why);
        }

        public static Outcome failed(String why) {
            return new Outcome(Status.FAILED, Optional.empty(), Optional.empty(), why);
        }
    }

    /** Outcome of a trigger. */
    enum Status { TRIGGERED, SKIPPED, FAILED }

    /** The trigger used when no CI system is configured: it says so. */
    static PipelineTrigger none(String why) {
        return new PipelineTrigger() {
            @Override
            public Outcome trigger(String ref, Map<String, String> variables) {
                return Outcome.skipped(why);
            }

            @Override
            public boolean configured() {
                return false;
            }
        };
    }
}
