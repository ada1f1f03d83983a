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

    /** Over-provision of a greedy merge: repeatedly merge the adjacent pair of segments that costs least. */
    static long greedy(int[] v, int k) {
        int n = v.length;
        java.util.List<int[]> segs = new java.util.ArrayList<>(); // {start, len, level}
        for (int p = 0; p < n; p++) {
            if (p == 0 || v[p] != v[p - 1]) {
                segs.add(new int[]{p, 1, v[p]});
            } else {
                segs.get(segs.size() - 1)[1]++;
            }
        }
        if (segs.size() > 1 && segs.get(0)[2] == segs.get(segs.size() - 1)[2]) {
            int[] last = segs.remove(segs.size() - 1);
            segs.get(0)[0] = last[0];
            segs.get(0)[1] += last[1];
        }
        while (segs.size() > Math.max(1, k)) {
            int best = -1;
            long bestCost = Long.MAX_VALUE;
            for (int i = 0; i < segs.size(); i++) {
                int[] a = segs.get(i);
                int[] b = segs.get((i + 1) % segs.size());
                int level = Math.max(a[2], b[2]);
                long c = (long) (level - a[2]) * a[1] + (long) (level - b[2]) * b[1];
                if (c < bestCost) {
                    bestCost = c;
                    best = i;
                }
            }
            int[] a = segs.get(best);
            int[] b = segs.get((best + 1) % segs.size());
            a[1] += b[1];
            a[2] = Math.max(a[2], b[2]);
            segs.remove((best + 1) % segs.size());
        }
        long over = 0;
        for (int[] seg : segs) {
            for (int q = 0; q < seg[1]; q++) {
                over += seg[2] - v[(seg[0] + q) % n];
            }
        }
        return over;
    }

    @Test
    void printOptimalVersusGreedyOverProvision() {
        assumeTrue(Boolean.getBoolean("prewarm.bench"), "opt-in benchmark");
        for (int k : new int[]{20, 125}) {
            long dpTotal = 0;
            long greedyTotal = 0;
            double dpMs = 0;
            double greedyMs = 0;
            for (int seed = 0; seed < 20; seed++) {
                Random rnd = new Random(seed);
                int n = 7 * 288;
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    double phase = 2 * Math.PI * (i % 288) / 288.0;
                    v[i] = (int) (20 + 60 * Math.max(0, Math.sin(phase - Math.PI / 2)) + 8 * rnd.nextDouble());
                }
                long t0 = System.nanoTime();
                long dp = new SegmentCompressor(v, k).cost(k);
                long t1 = System.nanoTime();
                long g = greedy(v, k);
                long t2 = System.nanoTime();
                dpTotal += dp;
                greedyTotal += g;
                dpMs += (t1 - t0) / 1e6;
                greedyMs += (t2 - t1) / 1e6;
            }
            System.out.printf("K=%d 20 noisy weeks at 5m: over-provision dp=%.0f greedy=%.0f instance-hours,"
                    + " greedy/dp=%.3f; mean time dp=%.0fms greedy=%.0fms%n", k, dpTotal / 12.0, greedyTotal / 12.0,
                    (double) greedyTotal / dpTotal, dpMs / 20, greedyMs / 20);
        }
    }
}
