package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.Forecast;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes the chosen schedule as {@link ScalingAction}s, each with its reason and the numbers behind it. */
final class ActionWriter {
    private static final DateTimeFormatter ONCE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Requirements req;
    private final WeeklyNeed week;
    private final WeekGrid grid;
    private final Forecast forecast;
    private final PlanLimits limits;
    private final StepRules rules;
    private final Duration lead;
    private final ZoneId zone;
    private final Optional<PlanInput.EmergencyFloor> emergency;

    ActionWriter(Requirements req, WeeklyNeed week, WeekGrid grid, Forecast forecast, PlanLimits limits,
                 StepRules rules, Duration lead, ZoneId zone, Optional<PlanInput.EmergencyFloor> emergency) {
        this.req = req;
        this.week = week;
        this.grid = grid;
        this.forecast = forecast;
        this.limits = limits;
        this.rules = rules;
        this.lead = lead;
        this.zone = zone;
        this.emergency = emergency;
    }

    List<ScalingAction> write(Scheduler.Result r) {
        List<ScalingAction> out = new ArrayList<>();
        int slots = r.weekly().length;
        for (int s = 0; s < slots; s++) {
            if (r.weeklyAction()[s]) {
                int end = s + 1;
                while (!r.weeklyAction()[end % slots]) {
                    end++;
                }
                ReasonCode why = r.weeklyReason()[s];
                String detail = "weekly floor " + r.weekly()[s] + " from " + grid.label(s) + " to "
                        + grid.label(end % slots) + ": " + because(why, r.weekly()[s], r.weeklyNeed().driver()[s], -1);
                out.add(new ScalingAction(grid.name(s), Optional.of(grid.cron(s)), Optional.empty(), zone,
                        r.weekly()[s], limits.max(), -1, why, detail));
            }
        }
        for (int i = 0; i < req.n; i++) {
            if (r.oneOff()[i]) {
                ReasonCode why = oneOffReason(i, r);
                // the second pass of a local hour repeated by a DST change needs its own name
                String name = "once-" + ONCE_NAME.format(forecast.timeAt(i).atZone(zone))
                        + (grid.repeatedLocalTime(forecast.timeAt(i)) ? "-2" : "");
                String detail = "one-off floor " + r.capacity()[i] + " at " + LOCAL.format(forecast.timeAt(i).atZone(zone))
                        + " (weekly schedule has " + r.weekly()[r.slotOf()[i]] + "): "
                        + because(why, r.capacity()[i], r.needFrom()[i], i);
                out.add(new ScalingAction(name, Optional.empty(), Optional.of(forecast.timeAt(i)), zone,
                        r.capacity()[i], limits.max(), -1, why, detail));
            }
        }
        out.sort(Comparator.comparing(ScalingAction::name));
        return out;
    }

    private ReasonCode oneOffReason(int i, Scheduler.Result r) {
        if (req.emergency[i] || emergency.isPresent() && r.capacityReason()[i] == ReasonCode.EMERGENCY_FLOOR) {
            return ReasonCode.EMERGENCY_FLOOR;
        }
        for (int j = i; j < Math.min(req.n, i + leadSteps() + 1); j++) {
            if (req.holiday[j]) {
                return ReasonCode.HOLIDAY;
            }
        }
        return r.capacityReason()[i];
    }

    private int leadSteps() {
        long s = forecast.step().toSeconds();
        return (int) ((lead.toSeconds() + s - 1) / s);
    }

    /** The numbers behind a reason; {@code driver} is the horizon step whose demand sets the level. */
    String because(ReasonCode why, int level, int driver, int at) {
        String demand = driver < 0 ? "" : String.format(Locale.ROOT, "required %d at %s = ceil(%.2f x %.2f / %.2f)",
                req.required[driver], LOCAL.format(forecast.timeAt(driver).atZone(zone)), req.demand[driver],
                1 + limits.headroom(), limits.perInstance());
        return switch (why) {
            case PREWARM -> demand + ", in place " + lead.toMinutes() + "m ahead (pre-warm lead)";
            case PREDICTED_PEAK, BASELINE -> demand;
            case SAFETY_CAP -> demand + ", clamped to the safety cap " + limits.safetyCap() + " = "
                    + fmt(limits.safetyCapFactor())
                    + " x normal peak " + limits.normalPeak() + " (" + fmt(limits.normalPeakDemand()) + ")";
            case MAX_LIMIT -> demand + ", clamped to max " + limits.max();
            case MIN_LIMIT -> "raised to min " + limits.min() + (demand.isEmpty() ? "" : " (" + demand + ")");
            case SCALE_UP_STEP -> "a rise adds at least " + rules.upPercent() + "% of current capacity, so " + level;
            case SCALE_DOWN_STEP -> "scale-down limited to " + rules.downPercent() + "% of the fleet per "
                    + rules.cooldownSteps() + "-step cooldown, so " + level;
            case BACKOFF -> "scale-down held: cooldown doubled after a reversal (up to " + rules.backoffMaxSteps()
                    + " steps)";
            case EMERGENCY_FLOOR -> emergency.map(e -> "emergency floor " + e.id() + ": at least " + e.min()
                    + " until " + e.expires()).orElse("emergency floor");
            case HOLIDAY -> "holiday or special day: " + (demand.isEmpty() ? "own forecast" : demand);
            default -> why.name().toLowerCase(Locale.ROOT) + " " + demand;
        };
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
