package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Serves the bundled demo history through the same port as Prometheus, so the demo runs the real
 * pipeline. The data covers four fixed weeks; any other window sees it repeated every four weeks (a whole
 * number of weeks, so weekday and time of day keep their shape; the holiday and the incident gap repeat
 * with it). A window of exactly the bundled four weeks gets the file's samples unchanged. The policy's
 * query is not evaluated: a demo service is found by environment and service.
 */
public final class DemoMetricsSource implements MetricsSource {
    private final Map<ServiceKey, CsvHistory.Samples> cache = new ConcurrentHashMap<>();

    @Override
    public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
        ServiceKey key = policy.key();
        if (!DemoHistory.SERVICES.contains(key)) {
            throw new MetricsException("reading history for service=" + key + " from demo: no demo history for this "
                    + "service (demo services: " + DemoHistory.SERVICES.stream().map(ServiceKey::toString)
                    .collect(Collectors.joining(", ")) + ")");
        }
        CsvHistory.Samples samples = cache.computeIfAbsent(key, DemoHistory::samples);
        long period = DemoHistory.END.getEpochSecond() - DemoHistory.START.getEpochSecond();
        long from = Math.floorDiv(window.start().getEpochSecond() - DemoHistory.END.getEpochSecond(), period);
        long to = Math.floorDiv(window.end().getEpochSecond() - DemoHistory.START.getEpochSecond(), period) + 1;
        double[] out = null;
        for (long k = from; k <= to; k++) {
            double[] copy = samples.onGrid(window.start(), window.step(), window.points(), k * period).values();
            if (out == null) {
                out = copy;
                continue;
            }
            for (int i = 0; i < out.length; i++) {
                if (Double.isNaN(out[i])) {
                    out[i] = copy[i];
                }
            }
        }
        return new TimeSeries(window.start(), window.step(), out);
    }

    @Override
    public String describe() {
        return "demo";
    }
}
