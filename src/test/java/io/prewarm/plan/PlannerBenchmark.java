package io.prewarm.plan;

import io.prewarm.common.TargetKind;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints how long a plan takes for a noisy week at several steps, and the over-provision of the
 * optimal compression next to a greedy merge of the cheapest adjacent segments (the peer the issue
 * rules out), measured side by side. Opt-in: {@code ./mvnw -q test -Dtest=PlannerBenchmark -Dprewarm.bench=true}.
 */
class PlannerBenchmark {

    @Test
    void printPlanTimesAndCompressionVsGreedy() {
        assumeTrue(Boolean.getBoolean("prewarm.bench"), "opt-in benchmark");
        RulesPlanner planner = new RulesPlanner();
        for (int minutes : new int[]{60, 15, 5}) {
            for (TargetKind kind : new TargetKind[]{TargetKind.AZURE_VMSS, TargetKind.AWS_ASG}) {
                Duration step = Duration.ofMinutes(minutes);
                ServicePolicy policy = Fixtures.policy(kind, 2, 400, 100, 0.2, Fixtures.defaultRules(), step);
                int n = 7 * 1440 / minutes;
                Random rnd = new Random(42);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    double phase = 2 * Math.PI * (i % (1440 / minutes)) / (1440.0 / minutes);
                    d[i] = 2000 + 6000 * Math.max(0, Math.sin(phase - Math.PI / 2)) + 800 * rnd.nextDouble();
                }
                PlanInput in = new PlanInput(policy, Fixtures.forecast(Fixtures.MONDAY, step, d), 8000,
                        Optional.empty(), Fixtures.MONDAY);
                planner.plan(in); // warm-up
                int reps = minutes == 5 ? 3 : 10;
                long t0 = System.nanoTime();
                CapacityPlan p = null;
                for (int r = 0; r < reps; r++) {
                    p = planner.plan(in);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / reps;
                System.out.printf("step=%dm kind=%s quota=%d actions=%d plan_ms=%.1f %s%n", minutes, kind,
                        kind.scheduleQuota(), p.actions().size(), ms, p.notes().get(p.notes().size() - 1));
            }
        }
    }
}
