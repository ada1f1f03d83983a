package io.prewarm.plan;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentCompressorTest {

    /** Least over-provision of a cyclic profile with at most k segments, over every set of boundaries. */
    static long bruteForce(int[] v, int k) {
        int n = v.length;
        long best = Long.MAX_VALUE;
        for (int mask = 1; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) > k) {
                continue;
            }
            best = Math.min(best, cost(v, mask));
        }
        return best;
    }

    static long cost(int[] v, int mask) {
        int n = v.length;
        int start = Integer.numberOfTrailingZeros(mask);
        long total = 0;
        int p = start;
        do {
            int q = p;
            int max = v[p];
            long sum = v[p];
            int len = 1;
            while ((mask & (1 << ((q + 1) % n))) == 0) {
                q = (q + 1) % n;
                max = Math.max(max, v[q]);
                sum += v[q];
                len++;
            }
            total += (long) max * len - sum;
            p = (q + 1) % n;
        } while (p != start);
        return total;
    }

    @Test
    void compressionIsOptimalAgainstBruteForceOverEveryBoundarySet() {
        Random rnd = new Random(20261128);
        for (int c = 0; c < 3000; c++) {
            int n = 2 + rnd.nextInt(11);
            int[] v = new int[n];
            int range = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(range);
            }
            SegmentCompressor sc = new SegmentCompressor(v, n);
            for (int k = 1; k <= n; k++) {
                long brute = bruteForce(v, k);
                assertThat(sc.cost(k)).as("k=%d profile=%s", k, Arrays.toString(v)).isEqualTo(brute);
                int[] levels = sc.levels(k);
                long over = 0;
                int breaks = 0;
                for (int i = 0; i < n; i++) {
                    assertThat(levels[i]).isGreaterThanOrEqualTo(v[i]);
                    over += levels[i] - v[i];
                    breaks += levels[i] != levels[(i - 1 + n) % n] ? 1 : 0;
                }
                assertThat(over).as("reconstruction of k=%d %s", k, Arrays.toString(v)).isEqualTo(brute);
                assertThat(Math.max(1, breaks)).isLessThanOrEqualTo(k);
            }
        }
    }

    /** Weekly-shaped profiles at 5-minute steps: daily peaks, noise, plateaus, spikes; some flat stretches. */
    static int[] noisyWeek(Random rnd) {
        int n = 2016;
        int[] v = new int[n];
        double base = 2 + rnd.nextInt(20);
        double amp = 5 + rnd.nextInt(60);
        double noise = rnd.nextDouble() * 0.15;
        int plateau = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * (i % 288) / 288.0;
            double day = (i / 288) >= 5 ? 0.5 : 1.0;
            double x = base + amp * day * Math.max(0, Math.sin(phase - Math.PI / 2 + rnd.nextDouble() * 0.05));
            x *= 1 + noise * rnd.nextGaussian();
            if (rnd.nextInt(500) == 0) {
                x *= 2;
            }
            v[i] = (int) Math.max(0, Math.round(x / plateau) * plateau);
        }
        return v;
    }

    @Test
    void earlyStoppingLayersGiveExactlyTheCostsAndBoundariesOfTheFullScan() {
        Random rnd = new Random(7);
        for (int c = 0; c < 40; c++) {
            int[] v = c % 4 == 0 ? randomSmall(rnd) : noisyWeek(rnd);
            int maxK = new int[]{1, 2, 19, 123, 125, 128}[c % 6];
            SegmentCompressor fast = new SegmentCompressor(v, maxK);
            QuadraticSegmentCompressor full = new QuadraticSegmentCompressor(v, maxK);
            assertThat(fast.maxSegments()).isEqualTo(full.maxSegments());
            for (int k = 1; k <= fast.maxSegments(); k++) {
                assertThat(fast.cost(k)).as("case %d k=%d", c, k).isEqualTo(full.cost(k));
                assertThat(fast.levels(k)).as("case %d k=%d", c, k).isEqualTo(full.levels(k));
            }
        }
    }

    private static int[] randomSmall(Random rnd) {
        int[] v = new int[50 + rnd.nextInt(400)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(1 + rnd.nextInt(40));
        }
        return v;
    }

    @Test
    void aFlatWeekIsOneSegmentWithoutOverProvision() {
        SegmentCompressor sc = new SegmentCompressor(new int[]{4, 4, 4, 4}, 3);
        assertThat(sc.cost(1)).isZero();
        assertThat(sc.levels(1)).containsOnly(4);
    }

    @Test
    void theWeekWrapsSoSundayNightAndMondayMorningShareASegment() {
        // quiet ends of the line are one segment across the wrap: two segments carry it exactly
        int[] v = {1, 1, 9, 9, 1, 1};
        SegmentCompressor sc = new SegmentCompressor(v, 2);
        assertThat(sc.cost(2)).isZero();
        assertThat(sc.levels(2)).containsExactly(1, 1, 9, 9, 1, 1);
    }

    @Test
    void aFineGridIsCoarsenedButNeverFallsBelowTheProfile() {
        Random rnd = new Random(5);
        int[] v = new int[7 * 1440]; // a week at 1-minute steps, every minute different
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(100);
        }
        SegmentCompressor sc = new SegmentCompressor(v, 20);
        int[] levels = sc.levels(20);
        int breaks = 0;
        for (int i = 0; i < v.length; i++) {
            assertThat(levels[i]).isGreaterThanOrEqualTo(v[i]);
            breaks += levels[i] != levels[(i - 1 + v.length) % v.length] ? 1 : 0;
        }
        assertThat(breaks).isLessThanOrEqualTo(20);
    }
}
