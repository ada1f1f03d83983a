package io.prewarm.pipeline;

import io.prewarm.common.Checks;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one service in a plan run.
 *
 * @param key            environment and service
 * @param status         what happened
 * @param reasons        reason codes of the plan (or of the status, e.g. FROZEN)
 * @param files          repository-relative files this service changes against the base branch
 * @param message        a one-line explanation (the failure for FAILED)
 * @param plan           the plan, when one was made
 * @param historySamples samples read
 * @param historyMissing samples missing in the history (gaps)
 */
public record ServiceResult(ServiceKey key, Status status, List<ReasonCode> reasons, List<String> files,
                            String message, Optional<CapacityPlan> plan, int historySamples, int historyMissing) {
    public ServiceResult {
        Checks.nonNull("key, status, message, plan", key, status, message, plan);
        reasons = List.copyOf(reasons);
        files = List.copyOf(files);
    }

    /** Per-service outcome. */
    public enum Status {
        /** The service's files changed and the change was committed and pushed (or, in a dry run, would be). */
        UPDATED,
        /** The plan equals what the repository (or the open proposal) already holds. */
        NO_CHANGE,
        /** The service is frozen; no plan was made. */
        FROZEN,
        /** Reading, forecasting, planning or rendering failed; nothing of this service was committed. */
        FAILED
    }

    ServiceResult withStatus(Status s, String msg) {
        return new ServiceResult(key, s, reasons, files, msg, plan, historySamples, historyMissing);
    }
}
