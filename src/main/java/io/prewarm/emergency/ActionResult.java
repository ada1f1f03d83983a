package io.prewarm.emergency;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an accepted action. A repeat of the same action (same idempotency key) gets this same
 * answer. Null fields are left out of the JSON.
 *
 * @param id          the action's id; the commit that carries the action names it
 * @param action      scale-up, freeze, unfreeze or end-scale-up
 * @param environment the environment
 * @param service     the service
 * @param status      APPLIED (committed and pushed) or NO_CHANGE (nothing to write)
 * @param count       scale-up: the floor applied; freeze: the count locked
 * @param requested   scale-up: the count asked for before clamping
 * @param countSource where the count came from: request, prometheus, plan, override
 * @param clamped     the limits that lowered the requested count
 * @param expiresAt   when the action ends by itself; null for a freeze until unfrozen
 * @param createdAt   when it was accepted
 * @param commit      the commit on the base branch that carries it
 * @param rendered    whether the service's Terraform was re-rendered (false: no plan file committed yet)
 * @param message     one line for the operator
 * @param pipeline    what happened to the CI pipeline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(String id, String action, String environment, String service, String status, Integer count,
                           Integer requested, String countSource, List<Clamp> clamped, Instant expiresAt,
                           Instant createdAt, String commit, Boolean rendered, String message, Pipeline pipeline) {

    /** A limit that lowered the requested count. */
    public record Clamp(String limit, int value) {
    }

    /** The CI pipeline's outcome: TRIGGERED, SKIPPED or FAILED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pipeline(String status, Long id, String webUrl, String message) {
    }

    ActionResult withCommit(String c) {
        return new ActionResult(id, action, environment, service, status, count, requested, countSource, clamped,
                expiresAt, createdAt, c, rendered, message, pipeline);
    }

    ActionResult withPipeline(Pipeline p) {
        return new ActionResult(id, action, environment, service, status, count, requested, countSource, clamped,
                expiresAt, createdAt, commit, rendered, message, p);
    }

    ActionResult withStatus(String s, String m) {
        return new ActionResult(id, action, environment, service, s, count, requested, countSource, clamped,
                expiresAt, createdAt, commit, rendered, m, pipeline);
    }
}
