package io.prewarm.plan;

import io.prewarm.common.ReasonCode;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of the planned timeline.
 *
 * @param time     start of the step
 * @param demand   the forecast demand the plan provisions for (point or upper bound, per {@code capacity.scheduleFor})
 * @param required instances the demand needs (with headroom), before the rules
 * @param capacity instances planned after every rule (lead, step sizes, limits, compression)
 * @param reason   why capacity has this value at this step
 */
public record PlanStep(Instant time, double demand, int required, int capacity, ReasonCode reason) {
    public PlanStep {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
