package io.prewarm.plan;

import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the planner needs for one service.
 *
 * @param policy           the validated policy
 * @param forecast         demand forecast over the plan horizon (point and upper bound)
 * @param normalPeakDemand the normal peak of demand in history (robust statistic of daily peaks),
 *                         the base of the safety cap
 * @param emergencyFloor   an active emergency scale-up, respected until it expires
 * @param now              the planning instant
 */
public record PlanInput(ServicePolicy policy, Forecast forecast, double normalPeakDemand,
                        Optional<EmergencyFloor> emergencyFloor, Instant now) {
    public PlanInput {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(emergencyFloor, "emergencyFloor");
        Objects.requireNonNull(now, "now");
    }

    /** An emergency floor: at least {@code min} instances until {@code expires}. */
    public record EmergencyFloor(String id, int min, Instant expires) {
        public EmergencyFloor {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expires, "expires");
        }
    }
}
