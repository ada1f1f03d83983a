package io.prewarm.console;

import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.schedule.WeeklyCron;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a committed plan's scheduled actions do around an instant: the floor in force (the last action
 * that fired, never below the plan's minimum), the next change, and the floor over a window for the
 * chart. Weekly crons repeat every week in the action's zone; one-off actions fire once; crons bound to
 * dates are not weekly and are left out, as in {@code PlanSnapshot}.
 */
public final class Schedule {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm z", Locale.ROOT);

    private final CapacityPlan plan;
    // parsed once: a page asks a schedule several questions, and a plan may have 125 actions
    private final List<Optional<WeeklyCron>> crons;

    public Schedule(CapacityPlan plan) {
        this.plan = plan;
        this.crons = plan.actions().stream().map(a -> a.cron().flatMap(Schedule::weekly)).toList();
    }

    private static Optional<WeeklyCron> weekly(String cron) {
        try {
            return Optional.of(WeeklyCron.parse(cron, "reading a schedule"));
        } catch (IllegalArgumentException notWeekly) {
            return Optional.empty();
        }
    }

    /** One firing of an action. */
    record Firing(Instant at, ScalingAction action) {
    }

    /** Every firing in {@code [from, to)}, in time order (ties by action name, so the result is stable). */
    List<Firing> firings(Instant from, Instant to) {
        List<Firing> out = new ArrayList<>();
        for (int i = 0; i < plan.actions().size(); i++) {
            ScalingAction a = plan.actions().get(i);
            if (a.at().isPresent()) {
                Instant t = a.at().get();
                if (!t.isBefore(from) && t.isBefore(to)) {
                    out.add(new Firing(t, a));
                }
                continue;
            }
            if (crons.get(i).isEmpty()) {
                continue; // bound to dates: not part of the weekly shape
            }
            WeeklyCron cron = crons.get(i).get();
            ZonedDateTime monday = from.atZone(a.zone()).truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            for (ZonedDateTime week = monday; week.toInstant().isBefore(to); week = week.plusWeeks(1)) {
                for (int m : cron.minutesOfWeek()) {
                    Instant t = week.plusMinutes(m).toInstant();
                    if (!t.isBefore(from) && t.isBefore(to)) {
                        out.add(new Firing(t, a));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Firing::at).thenComparing(f -> f.action().name()));
        return out;
    }

    /**
     * The scheduled floor at {@code t}: set by the newest firing in the week before (actions firing at the
     * same instant: the larger floor wins, as in {@code PlanSnapshot}), never below the plan's minimum.
     */
    public int floorAt(Instant t) {
        List<Firing> before = firings(t.minus(Duration.ofDays(8)), t.plusMillis(1));
        if (before.isEmpty()) {
            return plan.limits().min();
        }
        Instant last = before.get(before.size() - 1).at();
        int floor = before.stream().filter(f -> f.at().equals(last)).mapToInt(f -> f.action().min()).max().orElseThrow();
        return Math.max(plan.limits().min(), floor);
    }

    /**
     * Why the floor at {@code t} is what it is: the reason code and detail of the action that set it (the
     * larger of simultaneous ones), or that the plan's minimum applies.
     */
    public String why(Instant t) {
        List<Firing> before = firings(t.minus(Duration.ofDays(8)), t.plusMillis(1));
        if (before.isEmpty()) {
            return "plan minimum " + plan.limits().min();
        }
        Instant last = before.get(before.size() - 1).at();
        ScalingAction a = before.stream().filter(f -> f.at().equals(last)).map(Firing::action)
                .max(Comparator.comparingInt(ScalingAction::min)).orElseThrow();
        if (a.min() < plan.limits().min()) {
            return "plan minimum " + plan.limits().min();
        }
        return a.reason().name() + (a.detail().isBlank() ? "" : ": " + a.detail()) + " (" + a.name() + ", since "
                + LOCAL.format(last.atZone(a.zone())) + ")";
    }

    /** The next action after {@code now} within two weeks. */
    public Optional<ConsoleModel.Change> next(Instant now) {
        return firings(now.plusMillis(1), now.plus(Duration.ofDays(14))).stream().findFirst()
                .map(f -> new ConsoleModel.Change(f.at(), LOCAL.format(f.at().atZone(f.action().zone())),
                        f.action().min(), f.action().max(), f.action().reason().name()
                                + (f.action().detail().isBlank() ? "" : ": " + f.action().detail())));
    }

    /** The floor per {@code step} from {@code from} to {@code to}, for the chart. */
    public List<Double> floors(Instant from, Instant to, Duration step) {
        List<Firing> all = firings(from.minus(Duration.ofDays(8)), to);
        List<Double> out = new ArrayList<>();
        int k = 0;
        int floor = plan.limits().min();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            while (k < all.size() && !all.get(k).at().isAfter(t)) {
                Instant at = all.get(k).at();
                int set = 0;
                for (; k < all.size() && all.get(k).at().equals(at); k++) {
                    set = Math.max(set, all.get(k).action().min());
                }
                floor = Math.max(plan.limits().min(), set);
            }
            out.add((double) floor);
        }
        return out;
    }
}
