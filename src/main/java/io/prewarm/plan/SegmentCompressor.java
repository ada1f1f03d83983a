package io.prewarm.plan;

import java.util.Arrays;

/**
 * Optimal compression of a weekly capacity profile into at most {@code K} constant segments that never
 * fall below it, minimising over-provisioned instance-steps {@code sum(level - profile)}.
 *
 * <h2>Algorithm</h2>
 * The profile is cyclic (the week repeats). It is cut at the start of its lowest run, so the cut
 * costs nothing in the usual case (a quiet night), and then treated as a line. Consecutive equal
 * values are merged into runs: a segment boundary inside a run can always be moved to the run's edge
 * without raising the cost (the lower neighbour absorbs the run), so boundaries at run starts lose
 * nothing. Over the {@code B} runs, with {@code cost(i, j) = max(v[i..j)) x len(i..j) - sum(v x len)}:
 * <pre>
 *   f[1][j] = cost(0, j)
 *   f[k][j] = min over k-1 <= i < j of f[k-1][i] + cost(i, j)
 * </pre>
 * {@code f[K][B]} is the least over-provision with exactly {@code K} segments (at most {@code K} is the
 * same, since splitting a segment never costs more). For each {@code j} the costs {@code cost(i, j)}
 * are produced once, scanning {@code i} downwards with a running maximum, and feed every layer
 * {@code k}: time {@code O(K B^2)}, memory {@code O(K B)} for the back-pointers. A week at 5-minute
 * steps has at most 2,016 runs; at {@code K = 128} that is about 2.6 x 10^8 simple updates.
 *
 * <p>The layers for every {@code k <= K} come out of one run, so a caller that must shrink {@code K}
 * (because rule repairs or one-off actions take part of the quota) reconstructs again without recomputing.
 */
final class SegmentCompressor {
    private final int n;
    private final int cut;
    private final int[] runStart;
    private final int[] runValue;
    private final int maxK;
    private final long[][] best;
    private final int[][] parent;

    SegmentCompressor(int[] profile, int maxSegments) {
        if (profile.length == 0 || maxSegments < 1) {
            throw new IllegalArgumentException("compressing: empty profile or no segments allowed");
        }
        this.n = profile.length;
        this.cut = lowestRunStart(profile);
        int[] starts = new int[n];
        int[] values = new int[n];
        int b = 0;
        for (int p = 0; p < n; p++) {
            int v = profile[(cut + p) % n];
            if (p == 0 || v != values[b - 1]) {
                starts[b] = p;
                values[b] = v;
                b++;
            }
        }
        this.runStart = Arrays.copyOf(starts, b);
        this.runValue = Arrays.copyOf(values, b);
        this.maxK = Math.min(maxSegments, b);
        this.best = new long[maxK + 1][b + 1];
        this.parent = new int[maxK + 1][b + 1];
        solve(b);
    }

    /** Optimal over-provision in instance-steps with at most {@code k} segments. */
    long cost(int k) {
        return best[Math.min(k, maxK)][runStart.length];
    }

    /** Largest useful segment count (more segments than runs change nothing). */
    int maxSegments() {
        return maxK;
    }

    /** The optimal profile with at most {@code k} segments, in the original (uncut) indexing. */
    int[] levels(int k) {
        int kk = Math.min(k, maxK);
        int b = runStart.length;
        int[] out = new int[n];
        int j = b;
        for (int layer = kk; layer >= 1; layer--) {
            int i = parent[layer][j];
            int level = 0;
            for (int r = i; r < j; r++) {
                level = Math.max(level, runValue[r]);
            }
            int from = runStart[i];
            int to = j == b ? n : runStart[j];
            for (int p = from; p < to; p++) {
                out[(cut + p) % n] = level;
            }
            j = i;
        }
        return out;
    }

    private void solve(int b) {
        long[] lenPrefix = new long[b + 1];
        long[] areaPrefix = new long[b + 1];
        for (int r = 0; r < b; r++) {
            long len = (r + 1 < b ? runStart[r + 1] : n) - runStart[r];
            lenPrefix[r + 1] = lenPrefix[r] + len;
            areaPrefix[r + 1] = areaPrefix[r] + len * runValue[r];
        }
        final long inf = Long.MAX_VALUE / 4;
        for (long[] row : best) {
            Arrays.fill(row, inf);
        }
        best[0][0] = 0;
        for (int j = 1; j <= b; j++) {
            long max = 0;
            for (int i = j - 1; i >= 0; i--) {
                max = Math.max(max, runValue[i]);
                long c = max * (lenPrefix[j] - lenPrefix[i]) - (areaPrefix[j] - areaPrefix[i]);
                int top = Math.min(maxK, i + 1);
                for (int k = 1; k <= top; k++) {
                    long prev = best[k - 1][i];
                    if (prev < inf && prev + c < best[k][j]) {
                        best[k][j] = prev + c;
                        parent[k][j] = i;
                    }
                }
            }
        }
        // exactly k <= B segments is never worse than k - 1 (split any segment of two runs), so the
        // layer k is also the optimum for "at most k"
    }

    private static int lowestRunStart(int[] profile) {
        int n = profile.length;
        int bestStart = 0;
        int bestValue = Integer.MAX_VALUE;
        for (int p = 0; p < n; p++) {
            if (profile[p] != profile[(p - 1 + n) % n] && profile[p] < bestValue) {
                bestValue = profile[p];
                bestStart = p;
            }
        }
        return bestStart;
    }
}
