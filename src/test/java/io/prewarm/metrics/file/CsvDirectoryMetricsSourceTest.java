package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** History exported to {@code DIR/<environment>/<service>.csv}. */
class CsvDirectoryMetricsSourceTest {
    @TempDir
    Path dir;

    static ServicePolicy policy() {
        return new ServicePolicy(Path.of("policies/web.yaml"), ServiceKey.of("prod", "web"),
                new io.prewarm.common.Target(io.prewarm.common.TargetKind.KUBERNETES_HPA, "web",
                        java.util.Map.of("namespace", "web")),
                new ServicePolicy.Demand("ignored", Duration.ofMinutes(5), Duration.ofDays(28),
                        ServicePolicy.Aggregation.SUM, java.util.Optional.empty()),
                new ServicePolicy.Capacity(java.util.Optional.of(100.0), 0.2, 2, 50),
                new ServicePolicy.Rules(Duration.ofMinutes(10), 20, 20, Duration.ofMinutes(5), Duration.ofHours(1),
                        Duration.ofHours(1), 5),
                java.time.ZoneOffset.UTC, new ServicePolicy.Holidays("none", java.util.List.of()), java.util.List.of(),
                io.prewarm.common.Indicators.none());
    }

    @Test
    void readsEachServicesFileOntoThePolicyGridWithTheTimestampFormatsExportsUse() throws IOException {
        Files.createDirectories(dir.resolve("prod"));
        // a zone-less date-time (UTC), an ISO instant, Unix seconds, a sample off the grid, a gap
        Files.writeString(dir.resolve("prod/web.csv"), """
                timestamp,value
                2026-11-02 00:00:00,10
                2026-11-02T00:05:00Z,20
                1793578200,30
                2026-11-02 00:17:42,40
                2026-11-02 00:20:00,
                2026-11-02 23:05:00,50
                """);
        ServicePolicy web = policy();
        CsvDirectoryMetricsSource source = new CsvDirectoryMetricsSource(dir);
        TimeSeries s = source.demand(web, new TimeWindow(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-02T00:30:00Z"), Duration.ofMinutes(5)));
        assertThat(s.values()).containsExactly(10, 20, 30, 40, Double.NaN, Double.NaN);
        // the last sample is in the day's last hour, so the day counts
        assertThat(source.end(web.key())).contains(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(source.describe()).isEqualTo("file:" + dir);
    }

    @Test
    void namesTheMissingFileAndTheMissingDirectory() {
        CsvDirectoryMetricsSource source = new CsvDirectoryMetricsSource(dir);
        ServicePolicy web = policy();
        assertThatThrownBy(() -> source.demand(web, new TimeWindow(Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-02T01:00:00Z"), Duration.ofMinutes(5))))
                .isInstanceOf(MetricsException.class)
                .hasMessage("reading history for service=" + ServiceKey.of("prod", "web") + " from file:" + dir
                        + ": no file " + dir.resolve("prod/web.csv"));
        assertThatThrownBy(() -> new CsvDirectoryMetricsSource(dir.resolve("missing")))
                .hasMessage("reading history from file:" + dir.resolve("missing") + ": not a directory");
    }
}
