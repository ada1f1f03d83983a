package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Demand history exported to files, one per service: {@code DIR/<environment>/<service>.csv} with
 * {@code timestamp,value} lines ({@link CsvHistory}: Unix seconds or ISO-8601, a header allowed, an empty
 * value for a missing sample). The policy's query is not evaluated: the file is found by environment and
 * service, so a week exported from any monitoring system can be planned on or backtested
 * ({@code --metrics file:DIR}). Samples land on the policy's step grid, the last one in a step winning,
 * so a file should be written at the policy's {@code demand.step}.
 */
public final class CsvDirectoryMetricsSource implements MetricsSource {
    private final Path dir;
    private final Map<ServiceKey, CsvHistory.Samples> cache = new ConcurrentHashMap<>();

    public CsvDirectoryMetricsSource(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MetricsException("reading history from file:" + dir + ": not a directory");
        }
        this.dir = dir;
    }

    /** The file that holds a service's history. */
    public Path file(ServiceKey key) {
        return dir.resolve(key.environment().value()).resolve(key.service().value() + ".csv");
    }

    @Override
    public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
        CsvHistory.Samples s = samples(policy.key());
        return s.onGrid(window.start(), window.step(), window.points(), 0);
    }

    /**
     * Where a service's history ends, as a replay's default end: the end of the last day the file covers
     * (a day counts once its last hour has a sample). Empty for a file without samples.
     */
    public Optional<Instant> end(ServiceKey key) {
        CsvHistory.Samples s = samples(key);
        if (s.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(s.last()).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.DAYS));
    }

    private CsvHistory.Samples samples(ServiceKey key) {
        return cache.computeIfAbsent(key, k -> {
            Path f = file(k);
            if (!Files.isRegularFile(f)) {
                throw new MetricsException("reading history for service=" + k + " from file:" + dir + ": no file " + f);
            }
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                return CsvHistory.read(in, f.toString());
            } catch (IOException e) {
                throw new MetricsException("reading history for service=" + k + " from " + f + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public String describe() {
        return "file:" + dir;
    }
}
