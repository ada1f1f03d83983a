package io.prewarm.metrics.prometheus;

import io.prewarm.cli.DemoCommand;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.DemoHistory;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's three commands, end to end at the metrics stage: {@code prewarm demo export}, promtool
 * backfill, a real Prometheus; each demo policy's query then returns exactly what the file source serves
 * for the plan window, gaps included, so a plan made from either source is the same.
 */
@QuarkusTest
class DemoHistoryRoundTripTest {

    @Test
    void aBackfilledPrometheusServesTheDemoHistoryExactlyAsTheFileSourceDoes(@TempDir Path dir) throws Exception {
        LocalPrometheus.require();
        Path file = dir.resolve("demo.om.txt");
        assertThat(new CommandLine(new DemoCommand()).execute("export", "--openmetrics", file.toString())).isZero();
        LocalPrometheus.backfill(file, dir.resolve("data"));
        try (LocalPrometheus prom = LocalPrometheus.start(dir.resolve("data"));
             PrometheusMetricsSource source = PrometheusMetricsSource.create(prom.baseUrl(), PrometheusConfigs.defaults())) {
            DemoMetricsSource demo = new DemoMetricsSource();
            // what `plan --now 2026-11-28T00:00:00Z` asks for: 28 days at 5 minutes before now
            TimeWindow window = new TimeWindow(DemoHistory.START, DemoHistory.END, DemoHistory.STEP);
            for (ServiceKey key : DemoHistory.SERVICES) {
                String query = "sum(" + DemoHistory.METRIC + "{environment=\"" + key.environment() + "\",service=\""
                        + key.service() + "\"})";
                ServicePolicy policy = TestPolicies.policy(key.environment().value(), key.service().value(), query,
                        ServicePolicy.Aggregation.SUM, Optional.empty());
                TimeSeries fromFile = demo.demand(policy, window);
                FetchResult fromServer = source.fetch(policy, window);
                assertThat(fromServer.series()).as(key.toString()).isEqualTo(fromFile);
                assertThat(fromServer.report().missingSamples()).isEqualTo(fromFile.missing());
            }
        }
    }
}
