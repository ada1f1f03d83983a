package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized invariants over thousands of generated demand curves and policies (fixed seeds, so a
 * failure reproduces): coverage within the lead, gentle scale-down per window, minimum scale-up step,
 * never above the cap or max, never below the min, actions within the quota and replaying to the
 * timeline, a reason code on every action and step.
 */
class RulesPlannerInvariantsTest {
    private static final TargetKind[] KINDS = TargetKind.values();
    private static final ZoneId[] ZONES = {ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata")};
    private static final int[] STEP_MINUTES = {60, 60, 60, 30};

    @Test
    void invariantsHoldOnThousandsOfGeneratedCurves() {
        RulesPlanner planner = new RulesPlanner();
        for (int seed = 0; seed < 2000; seed++) {
            Random rnd = new Random(seed);
            PlanInput input = randomInput(rnd, STEP_MINUTES[rnd.nextInt(STEP_MINUTES.length)]);
            check(planner, input, seed);
        }
    }

    @Test
    void planStartingRightAfterTheSpringForwardReplaysLikeCron() {
        // seed 52524 (found by a wider sweep): the horizon starts on 29 March 2026 08:00 in Berlin, after
        // 02:00 and 03:00 actions fired together at the change; the later local time must win
        check(new RulesPlanner(), randomInput(new Random(52524), 60), 52524);
    }

    @Test
    void invariantsHoldAtFifteenAndFiveMinuteSteps() {
        RulesPlanner planner = new RulesPlanner();
        for (int seed = 10_000; seed < 10_100; seed++) {
            check(planner, randomInput(new Random(seed), 15), seed);
        }
        for (int seed = 20_000; seed < 20_012; seed++) {
            check(planner, randomInput(new Random(seed), 5), seed);
        }
    }

    private static void check(RulesPlanner planner, PlanInput input, int seed) {
        CapacityPlan plan = planner.plan(input);
        assertThat(PlanChecks.violations(plan)).as("seed %d", seed).isEmpty();
        assertThat(plan.actions()).as("seed %d", seed).isNotEmpty()
                .allMatch(a -> a.reason() != null && !a.detail().isBlank());
        assertThat(plan.timeline()).as("seed %d", seed).allMatch(s -> s.reason() != null);
        assertThat(plan.actions().size()).isLessThanOrEqualTo(input.policy().target().kind().scheduleQuota());
        Set<ReasonCode> used = new HashSet<>();
        plan.actions().forEach(a -> used.add(a.reason()));
        assertThat(plan.reasons()).containsAll(used);
        input.emergencyFloor().ifPresent(e -> plan.timeline().stream()
                .filter(s -> e.activeAt(s.time()))
                .forEach(s -> assertThat(s.capacity()).as("seed %d emergency", seed)
                        .isGreaterThanOrEqualTo(Math.min(e.min(), plan.limits().max()))));
    }

    static PlanInput randomInput(Random rnd, int stepMinutes) {
        Duration step = Duration.ofMinutes(stepMinutes);
        int perDay = 1440 / stepMinutes;
        int days = 1 + rnd.nextInt(9);
        int n = days * perDay + rnd.nextInt(perDay);
        double perInstance = 10 + rnd.nextInt(200);
        double[] upper = curve(rnd, n, perDay, perInstance);
        int min = rnd.nextInt(6);
        int max = min + 1 + rnd.nextInt(rnd.nextBoolean() ? 30 : 400);
        ServicePolicy.Rules rules = new ServicePolicy.Rules(
                Duration.ofMinutes(rnd.nextInt(5) * 10L), 5 + rnd.nextInt(50), 5 + rnd.nextInt(60),
                Duration.ofMinutes(5L * (1 + rnd.nextInt(12))), Duration.ofMinutes(60L * (1 + rnd.nextInt(4))),
                Duration.ofMinutes(30L * (1 + rnd.nextInt(8))), 1.5 + rnd.nextInt(8));
        ServicePolicy policy = Fixtures.policy(KINDS[rnd.nextInt(KINDS.length)], min, max, perInstance,
                rnd.nextInt(4) * 0.1, rules, step);
        ZoneId zone = ZONES[rnd.nextInt(ZONES.length)];
        policy = new ServicePolicy(policy.source(), policy.key(), policy.target(), policy.demand(), policy.capacity(),
                policy.rules(), zone, policy.holidays(), policy.instanceSizes(), policy.indicators());
        // starts anywhere, including across the DST changes of 2026 (29 March, 25 October)
        Instant[] anchors = {Instant.parse("2026-11-29T23:00:00Z"), Instant.parse("2026-03-27T00:00:00Z"),
                Instant.parse("2026-10-23T00:00:00Z"), Instant.parse("2026-06-10T00:00:00Z")};
        Instant start = anchors[rnd.nextInt(anchors.length)].plus(step.multipliedBy(rnd.nextInt(perDay * 7)));
        Forecast forecast = Fixtures.forecast(start, step, upper);
        double normalPeak = rnd.nextInt(10) == 0 ? 0 : percentile(upper, 0.9) * (0.3 + rnd.nextDouble());
        Optional<PlanInput.EmergencyFloor> floor = rnd.nextInt(4) == 0
                ? Optional.of(new PlanInput.EmergencyFloor("em-" + rnd.nextInt(100), rnd.nextInt(max + 20),
                start.plus(step.multipliedBy(rnd.nextInt(n + 10)))))
                : Optional.empty();
        Set<LocalDate> holidays = new HashSet<>();
        if (rnd.nextInt(3) == 0) {
            holidays.add(start.atZone(zone).toLocalDate().plusDays(rnd.nextInt(days + 1)));
        }
        return new PlanInput(policy, forecast, normalPeak, floor, start, holidays);
    }

    private static double[] curve(Random rnd, int n, int perDay, double perInstance) {
        double scale = perInstance * (1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 80));
        double[] d = new double[n];
        int shape = rnd.nextInt(6);
        double walk = scale;
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * (i % perDay) / perDay;
            double v = switch (shape) {
                case 0 -> scale * (0.2 + Math.max(0, Math.sin(phase - Math.PI / 2)));
                case 1 -> (i % perDay) > perDay / 3 && (i % perDay) < 2 * perDay / 3 ? scale : scale * 0.1;
                case 2 -> scale * rnd.nextDouble();
                case 3 -> walk = Math.max(0, walk + scale * 0.2 * rnd.nextGaussian());
                case 4 -> rnd.nextInt(20) == 0 ? scale * 10 : scale * 0.3;
                default -> scale * (0.5 + 0.5 * Math.sin(phase)) + scale * 0.3 * rnd.nextDouble();
            };
            d[i] = Math.max(0, v);
        }
        return d;
    }

    private static double percentile(double[] values, double q) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? 0 : s[(int) Math.min(s.length - 1, q * s.length)];
    }

    @Test
    void generatorCoversTheInterestingCases() {
        // guards the generator itself: the random inputs do reach caps, emergencies and holidays
        int caps = 0;
        int emergencies = 0;
        int holidays = 0;
        RulesPlanner planner = new RulesPlanner();
        for (int seed = 0; seed < 300; seed++) {
            PlanInput in = randomInput(new Random(seed), 60);
            CapacityPlan p = planner.plan(in);
            caps += p.reasons().contains(ReasonCode.SAFETY_CAP) || p.reasons().contains(ReasonCode.MAX_LIMIT) ? 1 : 0;
            emergencies += p.reasons().contains(ReasonCode.EMERGENCY_FLOOR) ? 1 : 0;
            holidays += p.reasons().contains(ReasonCode.HOLIDAY) ? 1 : 0;
        }
        assertThat(List.of(caps, emergencies, holidays)).allMatch(c -> c > 10);
    }
}
