package io.prewarm.plan;

import java.util.Arrays;

/**
 * The segment compressor as it was before layers stopped scanning early: every cut of every layer is
 * tried. Kept as the reference the faster one must match exactly (costs and chosen boundaries).
 *
 * Optimal compression of a weekly (cyclic) capacity profile into at most {@code K} constant segments
 * that never fall below it, minimising over-provisioned instance-steps {@code sum(level - profile)}.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Runs: consecutive equal values are merged. A boundary inside a run can always be moved to one
 *       of the run's edges without raising the cost (the lower neighbour absorbs the run), so only run
 *       starts are candidate boundaries; a week at 5-minute steps has {@code B <= 2016} runs.</li>
 *   <li>Cut at the top: the cycle is cut at the start of a run holding the global maximum {@code G}.
 *       In any cyclic solution the segment {@code S} holding that run has level {@code G}; the cut
 *       splits it into a head (the first segment of the line, which contains the maximum, so its level
 *       is {@code G} however long it is) and a possibly empty tail at the end of the line, also costed at
 *       {@code G}. Head and tail are one action. Every cyclic solution has this form and every such line
 *       solution is a cyclic one, so the line problem below is exact, not an approximation.</li>
 *   <li>Line DP over runs, with {@code cost(i, j) = max(v[i..j)) x len(i..j) - sum(v x len)} and
 *       {@code tail(a) = G x len(a..B) - sum(v x len)}:
 *       <pre>
 *   f[1][j] = cost(0, j)
 *   f[k][j] = min over k-1 <= i < j of f[k-1][i] + cost(i, j)
 *   best(K) = min over k <= K, k <= a <= B of f[k][a] + tail(a)
 *       </pre></li>
 * </ol>
 * For each {@code j} the costs {@code cost(i, j)} are produced once, scanning {@code i} downwards
 * with a running maximum, and feed every layer {@code k}: time {@code O(K B^2)}, memory {@code O(K B)}
 * for the back-pointers. At {@code B = 2016, K = 128} that is about 2.6 x 10^8 additions; a week of
 * noisy 5-minute data is planned in well under a second. All layers {@code k <= K} come out of one run,
 * so a caller that must spend part of the quota elsewhere reconstructs without recomputing.
 */
final class QuadraticSegmentCompressor {
    private static final long INF = Long.MAX_VALUE / 4;
    /** Runs above which the grid is coarsened (a week at 5-minute steps has at most 2,016). */
    static final int MAX_RUNS = 2016;

    private final int n;
    private final int cut;
    private final int[] runStart;
    private final int[] runValue;
    private final int top;
    private final int maxK;
    private final long[][] f;
    private final int[][] parent;
    private final long[] tail;
    /** Per K: best cost, and the (layers, line end) it comes from. */
    private final long[] bestCost;
    private final int[] bestLayers;
    private final int[] bestEnd;

    QuadraticSegmentCompressor(int[] profile, int maxSegments) {
        if (profile.length == 0 || maxSegments < 1) {
            throw new IllegalArgumentException("compressing: empty profile or no segments allowed");
        }
        this.n = profile.length;
        profile = coarsen(profile);
        this.cut = topRunStart(profile);
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
        this.top = runValue[0];
        this.maxK = Math.min(maxSegments, b);
        this.f = new long[b + 1][maxK + 1];
        this.parent = new int[b + 1][maxK + 1];
        this.tail = new long[b + 1];
        this.bestCost = new long[maxK + 1];
        this.bestLayers = new int[maxK + 1];
        this.bestEnd = new int[maxK + 1];
        solve(b);
    }

    /** Optimal over-provision in instance-steps with at most {@code k} segments. */
    long cost(int k) {
        return bestCost[Math.min(k, maxK)];
    }

    /** Largest useful segment count (more segments than runs change nothing). */
    int maxSegments() {
        return maxK;
    }

    /** The optimal profile with at most {@code k} segments, in the original indexing. */
    int[] levels(int k) {
        int kk = Math.min(k, maxK);
        int b = runStart.length;
        int[] out = new int[n];
        int end = bestEnd[kk];
        for (int p = end == b ? n : runStart[end]; p < n; p++) {
            out[(cut + p) % n] = top;
        }
        int j = end;
        for (int layer = bestLayers[kk]; layer >= 1; layer--) {
            int i = parent[j][layer];
            int level = 0;
            for (int r = i; r < j; r++) {
                level = Math.max(level, runValue[r]);
            }
            int to = j == b ? n : runStart[j];
            for (int p = runStart[i]; p < to; p++) {
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
        for (int a = 0; a <= b; a++) {
            tail[a] = (long) top * (lenPrefix[b] - lenPrefix[a]) - (areaPrefix[b] - areaPrefix[a]);
        }
        for (long[] row : f) {
            Arrays.fill(row, INF);
        }
        f[0][0] = 0; // rows are line ends, columns segment counts: the inner loop walks memory in order
        for (int j = 1; j <= b; j++) {
            long max = 0;
            for (int i = j - 1; i >= 0; i--) {
                max = Math.max(max, runValue[i]);
                long c = max * (lenPrefix[j] - lenPrefix[i]) - (areaPrefix[j] - areaPrefix[i]);
                int layers = Math.min(maxK, i + 1);
                long[] from = f[i];
                long[] to = f[j];
                int[] back = parent[j];
                for (int k = 1; k <= layers; k++) {
                    long cand = from[k - 1] + c;
                    if (cand < to[k]) {
                        to[k] = cand;
                        back[k] = i;
                    }
                }
            }
        }
        bestCost[0] = INF;
        for (int k = 1; k <= maxK; k++) {
            bestCost[k] = bestCost[k - 1];
            bestLayers[k] = bestLayers[k - 1];
            bestEnd[k] = bestEnd[k - 1];
            for (int a = k; a <= b; a++) {
                if (f[a][k] < INF && f[a][k] + tail[a] < bestCost[k]) {
                    bestCost[k] = f[a][k] + tail[a];
                    bestLayers[k] = k;
                    bestEnd[k] = a;
                }
            }
        }
    }

    /**
     * Bounds the work for fine grids (a week at 1-minute steps has 10,080 slots): above
     * {@link #MAX_RUNS} runs, blocks of {@code c} slots are raised to their maximum first, so boundaries
     * fall on block edges. The result still never falls below the profile; it is optimal among
     * schedules that change on block edges, which at the default 5-minute step never happens.
     */
    private static int[] coarsen(int[] profile) {
        int n = profile.length;
        int runs = 0;
        for (int p = 0; p < n; p++) {
            runs += profile[p] != profile[(p - 1 + n) % n] ? 1 : 0;
        }
        if (runs <= MAX_RUNS) {
            return profile;
        }
        int c = (n + MAX_RUNS - 1) / MAX_RUNS;
        int[] out = new int[n];
        for (int from = 0; from < n; from += c) {
            int to = Math.min(n, from + c);
            int max = 0;
            for (int p = from; p < to; p++) {
                max = Math.max(max, profile[p]);
            }
            java.util.Arrays.fill(out, from, to, max);
        }
        return out;
    }

    /** Start of a run holding the maximum (0 for a flat profile). */
    private static int topRunStart(int[] profile) {
        int n = profile.length;
        int max = Arrays.stream(profile).max().orElse(0);
        for (int p = 0; p < n; p++) {
            if (profile[p] == max && profile[(p - 1 + n) % n] != max) {
                return p;
            }
        }
        return 0;
    }
}
