package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The brief's rules as a {@link CapacityPlanner}: demand to instances with headroom, pre-warm lead,
 * limits and safety cap, step rules, then an optimal weekly schedule within the target's quota plus
 * one-off actions for holidays and emergency floors. Pure and deterministic: the same input gives the
 * same plan, byte for byte. See {@code docs/planner.md}.
 */
public final class RulesPlanner implements CapacityPlanner {

    public RulesPlanner() {
        // stateless
    }

    @Override
    public CapacityPlan plan(PlanInput input) {
        ServicePolicy policy = input.policy();
        Forecast forecast = input.forecast();
        if (forecast.horizon() == 0) {
            throw new IllegalArgumentException("planning " + policy.key() + ": the forecast is empty");
        }
        List<String> notes = new ArrayList<>();
        PlanLimits limits = PlanLimits.of(policy, input.normalPeakDemand(), input.capacityHistory(), notes);
        WeekGrid grid = new WeekGrid(policy.zone(), forecast.step(), forecast.start());
        Duration lead = policy.rules().prewarmLead();
        int leadSteps = (int) ((lead.toSeconds() + forecast.step().toSeconds() - 1) / forecast.step().toSeconds());
        ServicePolicy.ScheduleFor scheduleFor = policy.capacity().scheduleFor();
        double[] line = scheduleFor == ServicePolicy.ScheduleFor.UPPER ? forecast.upper() : forecast.point();
        Requirements req = new Requirements(forecast, line, limits, policy.zone(), input.holidays(),
                input.emergencyFloor());
        WeeklyNeed week = WeeklyNeed.of(req, grid, forecast, leadSteps);
        StepRules rules = StepRules.of(policy.rules(), forecast.step(), limits.max());
        int quota = policy.target().kind().planQuota();
        Scheduler.Result result = new Scheduler(req, week, grid, forecast, rules, leadSteps).schedule(quota);
        ActionWriter writer = new ActionWriter(req, week, grid, forecast, limits, rules, lead, policy.zone(),
                input.emergencyFloor());
        List<ScalingAction> actions = writer.write(result);

        List<PlanStep> timeline = new ArrayList<>(req.n);
        for (int i = 0; i < req.n; i++) {
            timeline.add(new PlanStep(forecast.timeAt(i), req.demand[i], req.required[i], result.capacity()[i],
                    result.capacityReason()[i]));
        }
        TreeSet<ReasonCode> reasons = new TreeSet<>();
        actions.forEach(a -> reasons.add(a.reason()));
        notes.addAll(clampNotes(req, limits));
        input.emergencyFloor().filter(e -> e.activeAt(forecast.timeAt(0))).ifPresent(e -> notes.add(
                "emergency floor " + e.id() + " holds at least " + e.min() + " instances until " + e.expires()));
        if (result.folded()) {
            notes.add("the quota of " + quota + " actions leaves no room for one-off actions: holidays and emergency"
                    + " floors are carried by the weekly schedule until the next plan");
        }
        notes.add(String.format(java.util.Locale.ROOT, scheduleFor == ServicePolicy.ScheduleFor.UPPER
                        ? "scheduled floors carry the forecast's upper bound plus %.0f%% headroom"
                        + " (capacity.scheduleFor: upper)"
                        : "scheduled floors carry the point forecast plus %.0f%% headroom (capacity.scheduleFor: forecast);"
                        + " the reactive layer absorbs demand above them", 100 * limits.headroom()));
        if (scheduleFor == ServicePolicy.ScheduleFor.FORECAST && !policy.target().hasReactiveTrigger()) {
            notes.add("warning: nothing prewarm renders drives this target's reactive layer (target.cloudwatchMetric is"
                    + " not set), so demand above the point forecast plus headroom is not absorbed unless alarms of your"
                    + " own trigger the scaling policies; capacity.scheduleFor: upper covers the forecast's upper bound");
        }
        notes.add(String.format(java.util.Locale.ROOT,
                "%d actions of %d allowed (%d weekly segments); over-provisioned %.1f instance-hours over the horizon",
                result.actionCount(), quota, result.segments(),
                result.overProvision() * forecast.step().toSeconds() / 3600.0));
        Optional<CapacityPlan.VerticalFloor> vertical = VerticalFloors.recommend(policy, forecast, limits);
        vertical.ifPresent(v -> {
            reasons.add(ReasonCode.VERTICAL_FLOOR);
            notes.add(String.format(java.util.Locale.ROOT,
                    "VERTICAL_FLOOR: %s carries baseline demand %.1f with %d instances at %.4f per instance-hour",
                    v.size(), v.baselineDemand(), v.instances(), v.pricePerHour()));
        });
        if (vertical.isEmpty() && !policy.instanceSizes().isEmpty()) {
            notes.add("vertical floor: no size in the catalogue carries baseline traffic with the minimum fleet");
        }

        CapacityPlan.Limits planLimits = new CapacityPlan.Limits(limits.min(), limits.max(), limits.policyMax(),
                limits.safetyCap(), limits.normalPeak(), limits.normalPeakDemand(), lead,
                policy.rules().scaleUpMinPercent(), policy.rules().scaleDownMaxPercent(),
                policy.rules().scaleDownCooldown(), limits.perInstance(), limits.headroom(), forecast.step());
        CapacityPlan plan = new CapacityPlan(policy.key(), policy.target(), policy.zone(), planLimits, timeline,
                actions, List.copyOf(reasons), forecast.model(), forecast.validationScore(), vertical, notes,
                policy.indicators());
        // a plan that breaks one of the brief's invariants is never handed on (and so never published)
        List<String> violations = PlanChecks.violations(plan);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("planning " + policy.key() + ": the plan breaks its invariants: "
                    + String.join("; ", violations));
        }
        return plan;
    }

    /** Clamping is loud: every clamp to the cap or max is a note with the worst step's numbers. */
    private static List<String> clampNotes(Requirements req, PlanLimits limits) {
        List<String> out = new ArrayList<>();
        int worst = -1;
        int count = 0;
        for (int i = 0; i < req.n; i++) {
            if (req.required[i] > limits.max()) {
                count++;
                if (worst < 0 || req.required[i] > req.required[worst]) {
                    worst = i;
                }
            }
        }
        if (worst >= 0) {
            String what = limits.capBinding()
                    ? "SAFETY_CAP: clamped at the safety cap " + limits.safetyCap() + " (" + limits.safetyCapFactor()
                    + " x normal peak " + limits.normalPeak() + ")"
                    : "MAX_LIMIT: clamped at max " + limits.max();
            out.add(what + " in " + count + " steps; the forecast wants up to " + req.required[worst]
                    + " instances (demand " + req.demand[worst] + ")");
        }
        return out;
    }
}
