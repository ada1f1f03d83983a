package io.prewarm.gitops;

import java.util.Optional;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A plan reduced to what its Terraform encodes: the limits, the scheduled actions and what they add up
 * to (the scheduled floor per hour of the week, its peak, its cost in instance-hours). No forecast numbers
 * and no run time, so two plans with the same schedule give equal snapshots. The current snapshot comes
 * from the plan file the base branch holds beside the Terraform ({@code generated/<env>/<service>/prewarm-plan.json});
 * comparing it with the proposed one gives reviewers "current versus proposed" and decides whether a new
 * plan differs enough to be proposed at all ({@link ChurnControl}).
 *
 * @param key       environment and service
 * @param zone      time zone of the schedules and of {@code hourly}
 * @param min       floor in force
 * @param max       effective ceiling (policy maximum lowered to the safety cap)
 * @param policyMax the policy's maximum
 * @param actions   the scheduled actions, sorted by name
 * @param hourly    derived: mean scheduled floor per hour of the week, 168 values from Monday 00:00 in {@code zone}
 * @param peakCapacity derived: the highest scheduled floor, weekly or one-off
 * @param peakWhen  derived: when the weekly peak starts ({@code Mon 08:30}), or a higher one-off's local time
 */
public record PlanSnapshot(ServiceKey key, ZoneId zone, int min, int max, int policyMax, List<Action> actions,
                           List<Double> hourly, int peakCapacity, String peakWhen) {
    public static final int HOURS_PER_WEEK = 168;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    public PlanSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(peakWhen, "peakWhen");
        actions = actions.stream().sorted(java.util.Comparator.comparing(Action::name)).toList();
        hourly = List.copyOf(hourly);
        if (hourly.size() != HOURS_PER_WEEK) {
            throw new IllegalArgumentException("plan snapshot of " + key + " needs " + HOURS_PER_WEEK
                    + " hourly values, got " + hourly.size());
        }
    }

    /** A snapshot of limits and actions, with the weekly floor, its peak and when it starts worked out. */
    public static PlanSnapshot of(ServiceKey key, ZoneId zone, int min, int max, int policyMax, List<Action> actions) {
        int[] floor = floorPerMinute(min, actions);
        int peak = peakCapacity(min, floor, actions);
        return new PlanSnapshot(key, zone, min, max, policyMax, actions, hourly(floor), peak, peakWhen(peak, floor, actions));
    }

    /**
     * One scheduled action, flattened for comparison.
     *
     * @param when the cron expression, or the one-off local time ({@code yyyy-MM-dd HH:mm} in the zone)
     */
    public record Action(String name, String when, int min, int max, int desired, ReasonCode reason) {
        public Action {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(reason, "reason");
        }

        static Action of(ScalingAction a) {
            String when = a.cron().orElseGet(() -> LOCAL.format(a.at().orElseThrow().atZone(a.zone())));
            return new Action(a.name(), when, a.min(), a.max(), a.desired(), a.reason());
        }
    }

    /** The snapshot of a plan. */
    public static PlanSnapshot of(CapacityPlan plan) {
        CapacityPlan.Limits l = plan.limits();
        return of(plan.key(), plan.zone(), l.min(), l.max(), l.policyMax(),
                plan.actions().stream().map(Action::of).toList());
    }

    /**
     * The scheduled floor per minute of the week: the {@code min} of the weekly action that fired last
     * (wrapping around the week), never below the policy minimum. One-off actions and crons bound to dates
     * are exceptions, not the weekly shape, and are left out.
     */
    static int[] floorPerMinute(int min, List<Action> actions) {
        int[] setAt = new int[MINUTES_PER_WEEK];
        java.util.Arrays.fill(setAt, -1);
        for (Action a : actions) {
            if (a.when().contains(":")) {
                continue; // one-off
            }
            java.util.BitSet fires = firings(a.when()).orElse(new java.util.BitSet());
            for (int m = fires.nextSetBit(0); m >= 0; m = fires.nextSetBit(m + 1)) {
                setAt[m] = Math.max(setAt[m], a.min()); // simultaneous actions: the larger floor wins
            }
        }
        int last = min;
        for (int m = MINUTES_PER_WEEK - 1; m >= 0; m--) {
            if (setAt[m] >= 0) {
                last = setAt[m]; // the week's last action carries over into Monday 00:00
                break;
            }
        }
        int[] floor = new int[MINUTES_PER_WEEK];
        for (int m = 0; m < floor.length; m++) {
            if (setAt[m] >= 0) {
                last = setAt[m];
            }
            floor[m] = Math.max(min, last);
        }
        return floor;
    }

    private static List<Double> hourly(int[] floor) {
        List<Double> out = new ArrayList<>(HOURS_PER_WEEK);
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            double sum = 0;
            for (int m = h * 60; m < h * 60 + 60; m++) {
                sum += floor[m];
            }
            out.add(round2(sum / 60));
        }
        return out;
    }

    private static int peakCapacity(int min, int[] floor, List<Action> actions) {
        int peak = min;
        for (int f : floor) {
            peak = Math.max(peak, f);
        }
        for (Action a : actions) {
            if (a.when().contains(":")) {
                peak = Math.max(peak, a.min());
            }
        }
        return peak;
    }

    private static String peakWhen(int peak, int[] floor, List<Action> actions) {
        for (int m = 0; m < floor.length; m++) {
            if (floor[m] == peak && floor[(m + floor.length - 1) % floor.length] != peak) {
                return String.format(Locale.ROOT, "%s %02d:%02d", DAYS[m / 1440], (m % 1440) / 60, m % 60);
            }
        }
        return actions.stream().filter(a -> a.when().contains(":") && a.min() == peak).map(Action::when).findFirst()
                .orElse("all week");
    }

    /** Hour of the week in {@code zone}: 0 is Monday 00:00-00:59, 167 is Sunday 23:00-23:59. */
    public static int hourOfWeek(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
    }

    /** Mean scheduled floor at an instant, by its hour of the week (the schedule repeats weekly). */
    public double capacityAt(Instant t) {
        return hourly.get(hourOfWeek(t, zone));
    }

    /** Instance-hours the schedule costs per week. */
    public double instanceHoursPerWeek() {
        return round2(hourly.stream().mapToDouble(Double::doubleValue).sum());
    }

    static String num(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    static final int MINUTES_PER_WEEK = 7 * 24 * 60;

    /** The minutes of the week (0 = Monday 00:00) a weekly cron fires at; empty for a cron that is not weekly. */
    static Optional<java.util.BitSet> firings(String cron) {
        io.prewarm.render.schedule.WeeklyCron parsed;
        try {
            parsed = io.prewarm.render.schedule.WeeklyCron.parse(cron, "reading the current schedule");
        } catch (IllegalArgumentException notWeekly) {
            return Optional.empty();
        }
        java.util.BitSet out = new java.util.BitSet(MINUTES_PER_WEEK);
        parsed.minutesOfWeek().forEach(out::set);
        return Optional.of(out);
    }
}
