package io.prewarm.forecast.smile;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Prints fit + forecast wall time for the production shape: 28 days of 5-minute history, 7 days plus
 * lead of horizon. A benchmark, not a test: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.prewarm.forecast.smile.SpeedBench}.
 */
public final class SpeedBench {
    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        SmileForecaster f = new SmileForecaster();
        double[] ms = new double[series];
        double[] cpu = new double[series];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, Synthetic.NEW_YORK).toInstant();
        for (int s = 0; s < series; s++) {
            TimeSeries h = Synthetic.series(start, 28, Synthetic.NEW_YORK, Set.of(), s);
            ForecastRequest r = new ForecastRequest(h.end().plusSeconds(3600), Synthetic.FIVE_MIN, 2100,
                    Optional.of(Synthetic.NEW_YORK), Set.of());
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            Forecast fc = f.forecast(h, r);
            ms[s] = (System.nanoTime() - t0) / 1e6;
            cpu[s] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            if (s == series - 1) {
                System.out.println(fc.model() + " " + fc.notes());
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double[] cs = cpu.clone();
        Arrays.sort(cs);
        System.out.printf("series=%d wall median=%.1f ms p90=%.1f ms first=%.1f ms; thread cpu median=%.1f ms%n",
                series, sorted[series / 2], sorted[(int) (series * 0.9)], ms[0], cs[series / 2]);
    }
}
