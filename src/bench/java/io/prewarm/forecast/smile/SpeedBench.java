package io.prewarm.forecast.smile;

import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Prints fit + forecast time for the production shape: 28 days of 5-minute history, 7 days plus lead
 * of horizon. A benchmark, not a test: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.prewarm.forecast.smile.SpeedBench [series] [repeats]}.
 *
 * <p>On a shared machine the wall time of one call mostly measures the other processes. So every series
 * is forecast {@code repeats} times and three numbers are printed side by side: the thread CPU time
 * (what the forecast costs), the wall time of the first call (what a loaded machine gives) and the
 * fastest of the repeats (the wall time when the scheduler left this thread alone, the standard
 * estimate of uncontended time). The load average before and after says how busy the machine was.
 * The first series are a JIT warm-up and are not counted.
 */
public final class SpeedBench {
    private static final int WARMUP = 20;

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SmileForecaster f = new SmileForecaster();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, Synthetic.NEW_YORK).toInstant();
        double[] cpu = new double[series];
        double[] firstWall = new double[series];
        double[] minWall = new double[series];
        String model = "";
        for (int s = -WARMUP; s < series; s++) {
            TimeSeries h = Synthetic.series(start, 28, Synthetic.NEW_YORK, Set.of(), Math.floorMod(s, 1000) + 1);
            ForecastRequest r = new ForecastRequest(h.end().plusSeconds(3600), Synthetic.FIVE_MIN, 2100,
                    Optional.of(Synthetic.NEW_YORK), Set.of());
            double bestWall = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            for (int k = 0; k < (s < 0 ? 1 : repeats); k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                model = f.forecast(h, r).model();
                double wall = (System.nanoTime() - t0) / 1e6;
                double c = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                if (s >= 0 && k == 0) {
                    firstWall[s] = wall;
                }
                bestWall = Math.min(bestWall, wall);
                bestCpu = Math.min(bestCpu, c);
            }
            if (s >= 0) {
                minWall[s] = bestWall;
                cpu[s] = bestCpu;
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println("last model: " + model);
        System.out.printf(Locale.ROOT, "series=%d repeats=%d cores=%d load average %.1f -> %.1f%n", series, repeats,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "thread cpu      median %.1f ms  p90 %.1f ms%n", median(cpu), p90(cpu));
        System.out.printf(Locale.ROOT, "wall, one call  median %.1f ms  p90 %.1f ms%n", median(firstWall), p90(firstWall));
        System.out.printf(Locale.ROOT, "wall, fastest of %d median %.1f ms  p90 %.1f ms  (wall/cpu %.2f)%n", repeats,
                median(minWall), p90(minWall), median(minWall) / median(cpu));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) (s.length * 0.9)];
    }
}
