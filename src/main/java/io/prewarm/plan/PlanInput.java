package io.prewarm.plan;

import io.prewarm.common.Checks;
import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the planner needs for one service.
 *
 * @param policy           the validated policy
 * @param forecast         demand forecast over the plan horizon (point and upper bound)
 * @param normalPeakDemand the normal peak of demand in history (robust statistic of daily peaks),
 *                         the base of the safety cap
 * @param emergencyFloor   an active emergency scale-up, respected until it expires
 * @param now              the planning instant
 * @param holidays         holidays and special days (dates in the policy's zone) that fall in the
 *                         horizon; they get one-off actions instead of shaping the weekly schedule
 * @param capacityHistory  demand, instances and latency history to learn the capacity per instance from,
 *                         used only when the policy does not give {@code capacity.perInstance}
 */
public record PlanInput(ServicePolicy policy, Forecast forecast, double normalPeakDemand,
                        Optional<EmergencyFloor> emergencyFloor, Instant now, Set<LocalDate> holidays,
                        Optional<CapacityHistory> capacityHistory) {
    public PlanInput {
        Checks.nonNull("policy, forecast, emergencyFloor, now, capacityHistory",
                policy, forecast, emergencyFloor, now, capacityHistory);
        holidays = Set.copyOf(holidays);
        if (!(normalPeakDemand >= 0) || Double.isInfinite(normalPeakDemand)) {
            throw new IllegalArgumentException("normal peak demand must be finite and >= 0, got " + normalPeakDemand);
        }
    }

    /** Without history for learning capacity per instance. */
    public PlanInput(ServicePolicy policy, Forecast forecast, double normalPeakDemand,
                     Optional<EmergencyFloor> emergencyFloor, Instant now, Set<LocalDate> holidays) {
        this(policy, forecast, normalPeakDemand, emergencyFloor, now, holidays, Optional.empty());
    }

    /** Without holidays in the horizon. */
    public PlanInput(ServicePolicy policy, Forecast forecast, double normalPeakDemand,
                     Optional<EmergencyFloor> emergencyFloor, Instant now) {
        this(policy, forecast, normalPeakDemand, emergencyFloor, now, Set.of(), Optional.empty());
    }

    /** The same input with another forecast (the backtest's oracle plans on the actual demand). */
    public PlanInput withForecast(Forecast other) {
        return new PlanInput(policy, other, normalPeakDemand, emergencyFloor, now, holidays, capacityHistory);
    }

    /** An emergency floor: at least {@code min} instances until {@code expires}. */
    public record EmergencyFloor(String id, int min, Instant expires) {
        public EmergencyFloor {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expires, "expires");
            if (min < 0) {
                throw new IllegalArgumentException("emergency floor " + id + " has negative min " + min);
            }
        }

        /** Whether the floor still holds at {@code t}. */
        public boolean activeAt(Instant t) {
            return t.isBefore(expires);
        }
    }
}
