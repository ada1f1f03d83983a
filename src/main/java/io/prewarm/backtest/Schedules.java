package io.prewarm.backtest;

import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fires a plan's scheduled actions on time: the floor and ceiling in force each minute are those of the
 * latest action fired at or before it, a one-off winning over a weekly action at the same instant (the
 * planner's contract). Weekly actions are five-field crons {@code m h * * dow} (Sunday 0) in the plan's
 * zone, as the planner writes them; wall-clock times skipped by a daylight-saving change fire at the
 * next valid instant, as {@link ZonedDateTime#of} resolves them, and of several weekly actions firing at
 * that instant the later local time wins.
 */
final class Schedules {
    private Schedules() {
    }

    /** {@code localOrder}: local day and minute of the week; ties at one instant go to the later local time. */
    private record Firing(Instant at, boolean oneOff, int localOrder, int min, int max) {
    }

    /**
     * Writes the plan's floor and ceiling for the minutes {@code [fromMinute, toMinute)} of a trace that
     * starts at {@code traceStart}.
     */
    static void apply(CapacityPlan plan, Instant traceStart, int fromMinute, int toMinute, int[] floor, int[] ceiling) {
        Instant from = traceStart.plusSeconds(60L * fromMinute);
        Instant to = traceStart.plusSeconds(60L * toMinute);
        List<Firing> firings = firings(plan, from, to);
        int planMax = plan.limits().max();
        int k = -1;
        for (int m = fromMinute; m < toMinute; m++) {
            Instant t = traceStart.plusSeconds(60L * m);
            while (k + 1 < firings.size() && !firings.get(k + 1).at().isAfter(t)) {
                k++;
            }
            if (k < 0) {
                floor[m] = plan.limits().min();
                ceiling[m] = planMax;
            } else {
                Firing f = firings.get(k);
                floor[m] = f.min();
                ceiling[m] = f.max() < 0 ? planMax : f.max();
            }
        }
    }

    /** Every firing from a week before {@code from} (so the action in force at {@code from} is known) to {@code to}. */
    private static List<Firing> firings(CapacityPlan plan, Instant from, Instant to) {
        List<Firing> out = new ArrayList<>();
        LocalDate first = from.atZone(plan.zone()).toLocalDate().minusDays(8);
        LocalDate last = to.atZone(plan.zone()).toLocalDate().plusDays(1);
        for (ScalingAction a : plan.actions()) {
            if (a.at().isPresent()) {
                if (a.at().get().isBefore(to)) {
                    out.add(new Firing(a.at().get(), true, 0, a.min(), a.max()));
                }
                continue;
            }
            Cron c = Cron.parse(a.cron().orElseThrow(), a.name());
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (d.getDayOfWeek() == c.day()) {
                    Instant at = ZonedDateTime.of(d, c.time(), a.zone()).toInstant();
                    if (at.isBefore(to)) {
                        out.add(new Firing(at, false, (d.getDayOfWeek().getValue() - 1) * 1440
                                + c.time().getHour() * 60 + c.time().getMinute(), a.min(), a.max()));
                    }
                }
            }
        }
        // weekly times skipped by a DST change fire together at the change: the later local time wins, as the
        // planner's own replay (PlanChecks) has it; a one-off wins over weekly actions at the same instant
        out.sort(Comparator.comparing(Firing::at).thenComparing(Firing::oneOff).thenComparingInt(Firing::localOrder));
        return out;
    }

    /** A weekly cron as the planner writes it. */
    record Cron(LocalTime time, DayOfWeek day) {
        static Cron parse(String cron, String name) {
            String[] f = cron.trim().split("\\s+");
            if (f.length != 5 || !f[2].equals("*") || !f[3].equals("*")) {
                throw new IllegalArgumentException("replaying action " + name + ": cron '" + cron
                        + "' is not of the weekly form 'm h * * dow'");
            }
            try {
                int minute = Integer.parseInt(f[0]);
                int hour = Integer.parseInt(f[1]);
                int dow = Integer.parseInt(f[4]);
                if (dow < 0 || dow > 7) {
                    throw new NumberFormatException();
                }
                return new Cron(LocalTime.of(hour, minute), DayOfWeek.of(dow == 0 ? 7 : dow));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("replaying action " + name + ": cron '" + cron
                        + "' has a field out of range");
            }
        }
    }
}
