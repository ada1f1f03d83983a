package io.prewarm.forecast.smile;

import io.prewarm.metrics.TimeSeries;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/** Prints per-stage wall time on the production shape (a benchmark, not a test). */
public final class ModelBench {
    public static void main(String[] args) {
        Instant start = ZonedDateTime.of(2026, 4, 6, 0, 0, 0, 0, Synthetic.NEW_YORK).toInstant();
        TimeSeries h = Synthetic.series(start, 28, Synthetic.NEW_YORK, Set.of(), 1);
        int n = h.size();
        int hz = 2112;
        double[] y = java.util.Arrays.copyOf(h.values(), n + hz);
        for (int rep = 0; rep < 100; rep++) {
            boolean print = rep >= 97;
            long t0 = System.nanoTime();
            Grid g = Grid.build(h.start(), h.step(), n + hz, Optional.of(Synthetic.NEW_YORK), Set.of());
            long t1 = System.nanoTime();
            AnomalyFilter.Result c = AnomalyFilter.clean(y, n, g);
            long t2 = System.nanoTime();
            LevelShift.detect(c.cleaned(), n, g);
            long t3 = System.nanoTime();
            if (print) {
                System.out.printf("grid %.1f ms, clean %.1f ms, shift %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
            for (Model m : Candidates.weekly()) {
                long a = System.nanoTime();
                m.forecast(c.cleaned(), n, g, hz);
                if (print) {
                    System.out.printf("%s %.1f ms%n", m.name(), (System.nanoTime() - a) / 1e6);
                }
            }
        }
    }
}
