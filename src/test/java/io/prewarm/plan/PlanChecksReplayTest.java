package io.prewarm.plan;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay of {@link PlanChecks} parses each cron once and remembers fire instants per local date; it
 * must report exactly what the straightforward replay (kept here as the reference: cron parsed and
 * zone rules consulted for every action at every step) reports, on plans that hold and on broken ones,
 * across DST changes.
 */
class PlanChecksReplayTest {

    @Test
    void replayAgreesWithTheStraightforwardReplayOnGoodAndBrokenPlans() {
        RulesPlanner planner = new RulesPlanner();
        int broken = 0;
        int[] steps = {60, 30, 15};
        for (int seed = 0; seed < 248; seed++) {
            Random rnd = new Random(seed);
            int minutes = seed < 240 ? steps[seed % steps.length] : 5;
            CapacityPlan plan = planner.plan(RulesPlannerInvariantsTest.randomInput(rnd, minutes));
            assertThat(PlanChecks.replay(plan)).as("seed %d", seed).isEqualTo(Reference.replay(plan)).isEmpty();
            CapacityPlan wrong = breakTimeline(plan, rnd);
            List<String> expected = Reference.replay(wrong);
            broken += expected.isEmpty() ? 0 : 1;
            assertThat(PlanChecks.replay(wrong)).as("broken seed %d", seed).isEqualTo(expected);
        }
        assertThat(broken).as("broken plans the replay catches").isGreaterThan(200);
    }

    /** The plan with a few timeline capacities moved, so the actions no longer give it. */
    private static CapacityPlan breakTimeline(CapacityPlan p, Random rnd) {
        List<PlanStep> t = new ArrayList<>(p.timeline());
        for (int k = 0; k < 3; k++) {
            int i = rnd.nextInt(t.size());
            PlanStep s = t.get(i);
            t.set(i, new PlanStep(s.time(), s.demand(), s.required(), s.capacity() + 1 + rnd.nextInt(3), s.reason()));
        }
        return new CapacityPlan(p.key(), p.target(), p.zone(), p.limits(), t, p.actions(), p.reasons(),
                p.forecastModel(), p.forecastScore(), p.verticalFloor(), p.notes(), p.indicators());
    }

    /** The replay as it was before cron parsing and fire instants were cached. */
    static final class Reference {
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
        for (int i = 0; i < t.size(); i++) {
            Instant now = t.get(i).time();
            Instant prevStep = now.minusSeconds(stepSeconds);
            ScalingAction lastFired = null;
            for (ScalingAction a : plan.actions()) {
                if (a.cron().isPresent() && firesIn(a, prevStep, now)
                        && (lastFired == null || weekPosition(a, now) > weekPosition(lastFired, now))) {
                    lastFired = a;
                }
            }
            if (lastFired != null) {
                inForce = lastFired.min();
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
     * Whether the weekly action fires in {@code (after, upTo]}. A local time skipped by a DST change fires
     * at the change (as cron does); a repeated local time fires once, at its first occurrence.
     */
    private static boolean firesIn(ScalingAction a, Instant after, Instant upTo) {
        String[] f = a.cron().get().split(" ");
        int minute = Integer.parseInt(f[0]);
        int hour = Integer.parseInt(f[1]);
        int dow = Integer.parseInt(f[4]);
        ZonedDateTime z = upTo.atZone(a.zone());
        int shift = ((z.getDayOfWeek().getValue() % 7) - dow + 7) % 7;
        for (int back : new int[]{shift, shift + 7}) {
            LocalDateTime local = z.toLocalDate().minusDays(back).atTime(hour, minute);
            Instant c = fireInstant(local, a.zone());
            if (c.isAfter(after) && !c.isAfter(upTo)) {
                return true;
            }
        }
        return false;
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
}
