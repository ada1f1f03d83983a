package io.prewarm.plan;

import io.prewarm.bench.SyntheticFleet;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The planner's two former hot spots, before and after, side by side in one JVM on the same inputs: the
 * segment compressor's full scan against the early-stopping one, and the self-check replay that parsed
 * crons and consulted zone rules at every step against the cached one. Inputs are the services of the
 * fleet benchmark ({@code prewarm bench fleet}), the last week of each one's synthetic demand standing in
 * for the forecast. Opt-in: {@code ./mvnw -q test -Dtest=PlannerSpeedBenchmark -Dprewarm.bench=true}.
 */
class PlannerSpeedBenchmark {
    private static final Duration STEP = Duration.ofMinutes(5);

    @Test
    void printCompressorAndReplayOldVersusNew() {
        assumeTrue(Boolean.getBoolean("prewarm.bench"), "opt-in benchmark");
        int services = Integer.getInteger("prewarm.bench.services", 60);
        SyntheticFleet fleet = new SyntheticFleet(42);
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        RulesPlanner planner = new RulesPlanner();
        List<CapacityPlan> plans = new ArrayList<>();
        long planNanos = 0;
        for (int i = 0; i < services; i++) {
            SyntheticFleet.Service s = fleet.service(i);
            ServicePolicy p = Fixtures.policy(s.kind(), s.min(), s.max(), s.perInstance(), 0.2,
                    Fixtures.defaultRules(), STEP);
            p = new ServicePolicy(p.source(), p.key(), p.target(), p.demand(), p.capacity(), p.rules(),
                    ZoneId.of(s.zone()), p.holidays(), p.instanceSizes(), p.indicators());
            double[] upper = s.demand(start.minus(Duration.ofDays(7)), STEP, 2016 + 3);
            PlanInput in = new PlanInput(p, Fixtures.forecast(start, STEP, upper), 0, Optional.empty(), start);
            long t = System.nanoTime();
            plans.add(planner.plan(in));
            planNanos += i < 10 ? 0 : System.nanoTime() - t; // the first ten warm the JIT up
        }
        long oldCompress = 0;
        long newCompress = 0;
        long oldReplay = 0;
        long newReplay = 0;
        for (int round = 0; round < 2; round++) { // round 0 warms both up; round 1 is measured
            oldCompress = newCompress = oldReplay = newReplay = 0;
            for (CapacityPlan plan : plans) {
                int[] profile = plan.timeline().stream().limit(2016).mapToInt(PlanStep::required).toArray();
                int k = plan.target().kind().planQuota();
                long t0 = System.nanoTime();
                long a = new QuadraticSegmentCompressor(profile, k).cost(k);
                long t1 = System.nanoTime();
                long b = new SegmentCompressor(profile, k).cost(k);
                long t2 = System.nanoTime();
                List<String> ra = PlanChecksReplayTest.Reference.replay(plan);
                long t3 = System.nanoTime();
                List<String> rb = PlanChecks.replay(plan);
                long t4 = System.nanoTime();
                if (a != b || !ra.equals(rb)) {
                    throw new AssertionError("old and new disagree for " + plan.key());
                }
                oldCompress += t1 - t0;
                newCompress += t2 - t1;
                oldReplay += t3 - t2;
                newReplay += t4 - t3;
            }
        }
        int n = plans.size();
        System.out.printf("planner services=%d plan_ms_per_service(new)=%.1f%n", n, planNanos / 1e6 / Math.max(1, n - 10));
        System.out.printf("compressor old_ms=%.1f new_ms=%.1f old/new=%.1f (per service)%n", oldCompress / 1e6 / n,
                newCompress / 1e6 / n, (double) oldCompress / newCompress);
        System.out.printf("replay old_ms=%.1f new_ms=%.1f old/new=%.1f (per service)%n", oldReplay / 1e6 / n,
                newReplay / 1e6 / n, (double) oldReplay / newReplay);
    }
}
