package io.prewarm.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The invariants every plan must satisfy, checked from the plan alone (a reviewer's or a test's view):
 * capacity covers the requirement up to the lead ahead (as far as the max allows), never above the max,
 * never below the min, rises of at least the minimum step, falls of at most the allowed share per
 * cooldown window, actions within the quota with unique well-formed names, and the actions, replayed,
 * give exactly the timeline's capacity. Returns the violations; an empty list means the plan holds.
 */
public final class PlanChecks {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private PlanChecks() {
    }

    public static List<String> violations(CapacityPlan plan) {
        List<String> out = new ArrayList<>();
        CapacityPlan.Limits l = plan.limits();
        List<PlanStep> t = plan.timeline();
        int n = t.size();
        long step = l.step().toSeconds();
        int lead = (int) ((l.prewarmLead().toSeconds() + step - 1) / step);
        int window = (int) Math.max(1, (l.scaleDownCooldown().toSeconds() + step - 1) / step);
        for (int i = 0; i < n && out.size() < 20; i++) {
            int c = t.get(i).capacity();
            if (c > l.max()) {
                out.add("step " + i + ": capacity " + c + " above max " + l.max());
            }
            if (c < l.min()) {
                out.add("step " + i + ": capacity " + c + " below min " + l.min());
            }
            for (int j = i; j <= Math.min(n - 1, i + lead); j++) {
                int need = Math.min(t.get(j).required(), l.max());
                if (c < need) {
                    out.add("step " + i + ": capacity " + c + " below " + need + " required at step " + j);
                    break;
                }
            }
            if (i > 0) {
                int prev = t.get(i - 1).capacity();
                int minRise = Math.min(l.max(), prev + Math.max(1, (prev * l.scaleUpMinPercent() + 99) / 100));
                if (c > prev && c < minRise) {
                    out.add("step " + i + ": rise " + prev + " -> " + c + " below the minimum step to " + minRise);
                }
            }
            for (int j = i + 1; j <= Math.min(n - 1, i + window); j++) {
                int floor = c - c * l.scaleDownMaxPercent() / 100;
                if (t.get(j).capacity() < floor) {
                    out.add("steps " + i + ".." + j + ": fall " + c + " -> " + t.get(j).capacity()
                            + " exceeds " + l.scaleDownMaxPercent() + "% per cooldown window");
                    break;
                }
            }
        }
        int quota = plan.target().kind().planQuota();
        if (plan.actions().size() > quota) {
            out.add(plan.actions().size() + " actions exceed the quota of " + quota);
        }
        Set<String> names = new HashSet<>();
        for (ScalingAction a : plan.actions()) {
            if (!names.add(a.name()) || !NAME.matcher(a.name()).matches()) {
                out.add("action name " + a.name() + " is duplicate or malformed");
            }
            if (a.min() > l.max() || a.min() < l.min()) {
                out.add("action " + a.name() + " min " + a.min() + " outside limits");
            }
        }
        out.addAll(replay(plan));
        return out;
    }

    /** Replays the actions (latest in force wins, a one-off wins a tie) and compares with the timeline. */
    static List<String> replay(CapacityPlan plan) {
        List<PlanStep> t = plan.timeline();
        List<String> out = new ArrayList<>();
        if (t.isEmpty() || plan.actions().isEmpty()) {
            return out;
        }
        Integer inForce = null;
        // the weekly action in force before the horizon: the latest occurrence in the week before it
        Instant first = t.get(0).time();
        Instant latest = null;
        ScalingAction latestAction = null;
        for (ScalingAction a : plan.actions()) {
            if (a.cron().isPresent()) {
                Instant prevFire = previousFire(a, first);
                // actions skipped by a DST change fire together at the change: the later local time wins
                if (latest == null || prevFire.isAfter(latest) || prevFire.equals(latest)
                        && weekPosition(a, first) > weekPosition(latestAction, first)) {
                    latest = prevFire;
                    latestAction = a;
                    inForce = a.min();
                }
            }
        }
        long stepSeconds = plan.limits().step().toSeconds();
        List<Weekly> weekly = new ArrayList<>();
        for (ScalingAction a : plan.actions()) {
            if (a.cron().isPresent()) {
                weekly.add(new Weekly(a));
            }
        }
        for (int i = 0; i < t.size(); i++) {
            Instant now = t.get(i).time();
            Instant prevStep = now.minusSeconds(stepSeconds);
            Weekly lastFired = null;
            int lastPosition = 0;
            ZoneId zone = null;
            ZonedDateTime z = null;
            for (Weekly w : weekly) {
                if (z == null || !w.zone.equals(zone)) {
                    z = now.atZone(w.zone); // a plan's actions share one zone: one conversion per step
                    zone = w.zone;
                }
                if (w.firesIn(prevStep, now, z)) {
                    int position = w.position(z);
                    if (lastFired == null || position > lastPosition) {
                        lastFired = w;
                        lastPosition = position;
                    }
                }
            }
            if (lastFired != null) {
                inForce = lastFired.action.min();
            }
            for (ScalingAction a : plan.actions()) {
                if (a.at().isPresent() && a.at().get().isAfter(prevStep) && !a.at().get().isAfter(now)) {
                    inForce = a.min();
                }
            }
            if (inForce == null || inForce != t.get(i).capacity()) {
                out.add("step " + i + ": actions give " + inForce + " but the timeline says " + t.get(i).capacity());
                if (out.size() > 5) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A weekly action with its cron parsed once and its fire instant per local date remembered: the
     * replay asks for the same few dates at every step of the horizon.
     */
    private static final class Weekly {
        final ScalingAction action;
        final ZoneId zone;
        final int minute;
        final int hour;
        final int dow;
        final int nominal;
        /** The local date the candidates below belong to, and its two candidate fire instants. */
        private LocalDate day;
        private final Instant[] candidates = new Instant[2];

        Weekly(ScalingAction a) {
            String[] f = a.cron().get().split(" ");
            this.action = a;
            this.zone = a.zone();
            this.minute = Integer.parseInt(f[0]);
            this.hour = Integer.parseInt(f[1]);
            this.dow = Integer.parseInt(f[4]);
            this.nominal = dow * 1440 + hour * 60 + minute;
        }

        /**
         * Whether the action fires in {@code (after, upTo]}, {@code z} being {@code upTo} in its zone. A local
         * time skipped by a DST change fires at the change (as cron does); a repeated local time fires once,
         * at its first occurrence.
         */
        boolean firesIn(Instant after, Instant upTo, ZonedDateTime z) {
            LocalDate today = z.toLocalDate();
            if (!today.equals(day)) { // the candidates depend on the local date only
                int shift = ((z.getDayOfWeek().getValue() % 7) - dow + 7) % 7;
                candidates[0] = fireInstant(today.minusDays(shift).atTime(hour, minute), zone);
                candidates[1] = fireInstant(today.minusDays(shift + 7L).atTime(hour, minute), zone);
                day = today;
            }
            for (Instant c : candidates) {
                if (c.isAfter(after) && !c.isAfter(upTo)) {
                    return true;
                }
            }
            return false;
        }

        /** As {@link PlanChecks#weekPosition}, with {@code z} being now in the action's zone. */
        int position(ZonedDateTime z) {
            int current = (z.getDayOfWeek().getValue() % 7) * 1440 + z.getHour() * 60 + z.getMinute();
            return -(((current - nominal) % 10080 + 10080) % 10080);
        }
    }

    private static Instant fireInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(offsets.get(0));
    }

    /** Minutes from the cron's nominal time back to {@code now}'s day and time (smaller: fired later). */
    private static int weekPosition(ScalingAction a, Instant now) {
        String[] f = a.cron().get().split(" ");
        int nominal = Integer.parseInt(f[4]) * 1440 + Integer.parseInt(f[1]) * 60 + Integer.parseInt(f[0]);
        ZonedDateTime z = now.atZone(a.zone());
        int current = (z.getDayOfWeek().getValue() % 7) * 1440 + z.getHour() * 60 + z.getMinute();
        return -(((current - nominal) % 10080 + 10080) % 10080);
    }

    private static Instant previousFire(ScalingAction a, Instant before) {
        String[] f = a.cron().get().split(" ");
        int minute = Integer.parseInt(f[0]);
        int hour = Integer.parseInt(f[1]);
        int dow = Integer.parseInt(f[4]);
        ZonedDateTime z = before.atZone(a.zone());
        for (int d = 0; d <= 8; d++) {
            java.time.LocalDate day = z.toLocalDate().minusDays(d);
            if (day.getDayOfWeek().getValue() % 7 == dow) {
                Instant c = fireInstant(day.atTime(hour, minute), a.zone());
                if (c.isBefore(before)) {
                    return c;
                }
            }
        }
        return before.minusSeconds(8 * 86400L);
    }
}
