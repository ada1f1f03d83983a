package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Serves the bundled demo history through the same port as Prometheus, so the demo runs the real
 * pipeline. The data covers four fixed weeks; when the requested window ends later, the data is moved
 * forward by whole weeks so that weekday and time of day keep their shape (the holiday moves with it).
 * The policy's query is not evaluated: a demo service is found by environment and service.
 */
public final class DemoMetricsSource implements MetricsSource {
    private static final long WEEK = Duration.ofDays(7).getSeconds();
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
        long late = window.end().getEpochSecond() - DemoHistory.END.getEpochSecond();
        long shift = late <= 0 ? 0 : ((late + WEEK - 1) / WEEK) * WEEK;
        return samples.onGrid(window.start(), window.step(), window.points(), shift);
    }

    @Override
    public String describe() {
        return "demo";
    }
}
