package io.prewarm.telemetry;

import io.prewarm.render.Promtool;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.pipeline.EmergencyEvents;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.render.ExternalTools;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The exposition of every meter, filled by a plan run and emergency requests, is valid and well named. */
class ExpositionTest {
    @TempDir
    Path dir;

    PrometheusRegistry registry;
    Telemetry telemetry;

    @BeforeEach
    void fill() {
        registry = new PrometheusRegistry();
        telemetry = Telemetry.create(TelemetryConfigs.in(dir), registry, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        PlanTelemetry run = telemetry.planRun();
        new PlanRun(Fixtures.stages(Map.of(ServiceKey.of("prod", "checkout"), x -> 500,
                ServiceKey.of("prod", "search"), x -> 1500)), run)
                .run(List.of(Fixtures.policy("prod", "checkout", 5), Fixtures.policy("prod", "search", 5)),
                        new MemoryWorkspace(), new PlanRun.Options(Fixtures.NOW, false, 2, false));
        EmergencyEvents e = telemetry.emergency();
        e.request(EmergencyEvents.Endpoint.SCALE_UP, EmergencyEvents.Outcome.APPLIED, EmergencyEvents.Action.SCALE_UP);
        e.applied(new EmergencyEvents.Applied(ServiceKey.of("prod", "checkout"), EmergencyEvents.Action.SCALE_UP,
                "em-1", ReasonCode.EMERGENCY_FLOOR, Map.of("min", 20, "ttlSeconds", 3600), "alice", Optional.of("abc123"),
                "scale-up to at least 20"));
        telemetry.reads().readRetried(io.prewarm.metrics.ReadEvents.Cause.TIMEOUT);
        telemetry.metrics().mergeRequest(PrewarmMetrics.MergeRequestAction.OPENED);
    }

    @Test
    void textExpositionPassesPromtoolCheckMetrics() throws Exception {
        Path file = dir.resolve("metrics.prom");
        MetricsExport.writeFile(registry, file);
        Promtool.require();
        ExternalTools.Result r = ExternalTools.run(dir, 60, "sh", "-c", "promtool check metrics < metrics.prom");
        assertThat(r.output()).as("promtool findings").isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(file)).contains("prewarm_plan_runs_total{outcome=\"success\"} 1");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("readable by a textfile collector running as another user").isEqualTo("rw-r--r--");
        }
    }

    @Test
    void everyMetricIsPrefixedAndCountersEndInTotal() throws Exception {
        String text = Scrape.of(registry).text;
        Matcher m = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE).matcher(text);
        int families = 0;
        while (m.find()) {
            families++;
            assertThat(m.group(1)).startsWith("prewarm_");
            if (m.group(2).equals("counter")) {
                assertThat(m.group(1)).endsWith("_total");
            }
        }
        assertThat(families).isGreaterThan(20);
        // no label carries an id, an actor or a timestamp
        assertThat(text).doesNotContain("em-1").doesNotContain("alice").doesNotContain("abc123");
    }

    @Test
    void openMetricsExpositionEndsWithEof() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, registry.scrape());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("# TYPE prewarm_plan_runs counter").contains("# UNIT prewarm_plan_run_duration_seconds seconds")
                .endsWith("# EOF\n");
    }
}
