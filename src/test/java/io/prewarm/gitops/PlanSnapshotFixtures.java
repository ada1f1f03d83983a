package io.prewarm.gitops;

import io.prewarm.common.Indicators;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanStep;
import io.prewarm.plan.ScalingAction;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capacity plans with a week-long timeline of a weekday-shaped service (the planner is built elsewhere):
 * night floor, a morning ramp to a 09:00-17:00 plateau, a quiet weekend. {@code peakDemand} scales it.
 */
public final class PlanSnapshotFixtures {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    public static final Duration STEP = Duration.ofMinutes(15);

    private PlanSnapshotFixtures() {
    }

    public static CapacityPlan.Limits limits(int min, int policyMax) {
        return new CapacityPlan.Limits(min, Math.min(policyMax, 60), policyMax, 60, 12, 1200.0, Duration.ofMinutes(30),
                20, 20, Duration.ofMinutes(10), 100.0, 0.2, STEP);
    }

    /** Demand at a local time: 200 at night, {@code peak} on weekdays 09:00-17:00, a third of it at weekends. */
    static double demand(ZonedDateTime t, double peak) {
        int h = t.getHour();
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        double day = h >= 9 && h < 17 ? peak : h >= 7 && h < 9 ? 200 + (peak - 200) * (h - 6) / 3.0
                : h >= 17 && h < 21 ? peak * (21 - h) / 5.0 : 200;
        return Math.max(200, weekend ? day / 3 : day);
    }

    public static CapacityPlan plan(String env, String service, double peakDemand, int min, int policyMax,
                                    List<ScalingAction> actions, List<String> notes) {
        CapacityPlan.Limits l = limits(min, policyMax);
        List<PlanStep> timeline = new ArrayList<>();
        int steps = (int) (Duration.ofDays(7).plus(l.prewarmLead()).getSeconds() / STEP.getSeconds()) + 1;
        for (int i = 0; i < steps; i++) {
            Instant t = NOW.plus(STEP.multipliedBy(i));
            double d = demand(t.atZone(BERLIN), peakDemand);
            double ahead = demand(t.plus(l.prewarmLead()).atZone(BERLIN), peakDemand);
            int required = (int) Math.ceil(d * (1 + l.headroom()) / l.perInstance());
            int capacity = Math.min(l.max(), Math.max(min, (int) Math.ceil(Math.max(d, ahead) * (1 + l.headroom())
                    / l.perInstance())));
            ReasonCode reason = ahead > d ? ReasonCode.PREWARM : capacity == min ? ReasonCode.MIN_LIMIT
                    : ReasonCode.BASELINE;
            timeline.add(new PlanStep(t, d, required, capacity, reason));
        }
        List<ReasonCode> reasons = actions.stream().map(ScalingAction::reason).distinct().sorted().toList();
        return new CapacityPlan(ServiceKey.of(env, service),
                new Target(TargetKind.AWS_ASG, service + "-asg", Map.of("region", "eu-central-1")), BERLIN, l,
                timeline, actions, reasons, "ridge-calendar", 0.912, Optional.empty(), notes, Indicators.none());
    }

    public static List<ScalingAction> weekday(int prewarm, int peak, int evening, int night) {
        return List.of(
                cron("night-2100-floor", "0 21 * * *", night, -1, -1, ReasonCode.MIN_LIMIT, "policy minimum " + night),
                cron("weekday-0630-prewarm", "30 6 * * 1-5", prewarm, -1, prewarm, ReasonCode.PREWARM,
                        "morning ramp needs " + prewarm + " by 07:00; 30 min lead"),
                cron("weekday-0830-peak", "30 8 * * 1-5", peak, -1, -1, ReasonCode.PREDICTED_PEAK,
                        "upper forecast plateau 09:00-17:00 needs " + peak),
                cron("weekday-1700-down", "0 17 * * 1-5", evening, -1, -1, ReasonCode.SCALE_DOWN_STEP,
                        "-20% per 10 min window | gentle"));
    }

    public static ScalingAction cron(String name, String cron, int min, int max, int desired, ReasonCode reason,
                                     String detail) {
        return new ScalingAction(name, Optional.of(cron), Optional.empty(), BERLIN, min, max, desired, reason, detail);
    }

    public static ScalingAction once(String name, Instant at, int min, ReasonCode reason, String detail) {
        return new ScalingAction(name, Optional.empty(), Optional.of(at), BERLIN, min, -1, -1, reason, detail);
    }
}
