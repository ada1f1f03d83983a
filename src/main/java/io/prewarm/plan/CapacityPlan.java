package io.prewarm.plan;

import io.prewarm.common.Checks;
import io.prewarm.common.Indicators;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A service's capacity plan: the limits in force, the timeline at the plan's step and the scheduled
 * actions that realise it on the target.
 *
 * @param key      environment and service
 * @param target   where it runs
 * @param zone     time zone of the schedules
 * @param limits   the limits and rule values in force
 * @param timeline planned capacity per step over the horizon
 * @param actions  scheduled actions, sorted by name
 * @param reasons  distinct reason codes used, sorted
 * @param forecastModel   the forecast model behind the plan
 * @param forecastScore   its validation score
 * @param verticalFloor   recommended instance size, when the policy gives a catalogue
 * @param notes    what a reviewer should know
 * @param indicators the service's leading indicators (rendered as alert rules)
 */
public record CapacityPlan(ServiceKey key, Target target, ZoneId zone, Limits limits, List<PlanStep> timeline,
                           List<ScalingAction> actions, List<ReasonCode> reasons, String forecastModel,
                           double forecastScore, Optional<VerticalFloor> verticalFloor, List<String> notes,
                           Indicators indicators) {
    public CapacityPlan {
        Checks.nonNull("key, target, zone, limits, forecastModel, verticalFloor, indicators",
                key, target, zone, limits, forecastModel, verticalFloor, indicators);
        timeline = List.copyOf(timeline);
        actions = List.copyOf(actions);
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    /**
     * The values in force for this plan.
     *
     * @param min                policy minimum; an active emergency floor is not folded in here (it expires):
     *                           it shows as EMERGENCY_FLOOR one-off actions, timeline reasons and a note
     * @param max                effective maximum: the policy's, lowered to the safety cap
     * @param policyMax          the policy's maximum
     * @param safetyCap          safety cap in instances (factor x normal peak)
     * @param normalPeak         normal peak in instances
     * @param normalPeakDemand   normal peak in demand units
     * @param prewarmLead        lead time
     * @param scaleUpMinPercent  minimum scale-up step
     * @param scaleDownMaxPercent maximum scale-down per window
     * @param scaleDownCooldown  scale-down window
     * @param perInstance        demand one instance carries
     * @param headroom           share added to the forecast the plan provisions for
     * @param step               the timeline's step
     */
    public record Limits(int min, int max, int policyMax, int safetyCap, int normalPeak, double normalPeakDemand,
                         Duration prewarmLead, int scaleUpMinPercent, int scaleDownMaxPercent,
                         Duration scaleDownCooldown, double perInstance, double headroom, Duration step) {
    }

    /** The vertical floor recommendation. */
    public record VerticalFloor(String size, int instances, double baselineDemand, double pricePerHour) {
    }

    /** The largest planned capacity over the horizon. */
    public int peakCapacity() {
        return timeline.stream().mapToInt(PlanStep::capacity).max().orElse(limits.min());
    }
}
