package io.prewarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: the real CLI replays the bundled demo history through forecast, plan and the simulator. */
@QuarkusMainTest
class BacktestCommandTest {
    @TempDir
    Path tmp;

    @Test
    void backtestOfADemoServicePrintsEveryStrategyAndWritesTheChart(QuarkusMainLauncher launcher) throws Exception {
        Path chart = tmp.resolve("chart.svg");
        LaunchResult r = launcher.launch("backtest", "--service", "checkout", "--from", "2026-11-26", "--output", "json",
                "--chart", chart.toString(), "--what-if", "headroom=0.3,prewarmLead=15m");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        String out = r.getOutput();
        JsonNode root = new ObjectMapper().readTree(out.startsWith("{") ? out : out.substring(out.indexOf("\n{") + 1));
        JsonNode svc = root.get("services").get(0);
        assertThat(svc.get("service").asText()).isEqualTo("prod/checkout");
        assertThat(svc.get("epochs").asInt()).isEqualTo(2);
        for (String s : new String[] {"static", "reactive", "scheduled", "prewarm", "oracle"}) {
            JsonNode card = svc.get("strategies").get(s);
            assertThat(card.get("totalMinutes").asInt()).as(s).isEqualTo(2 * 1440);
            assertThat(card.get("instanceHours").asDouble()).as(s).isPositive();
        }
        assertThat(svc.get("whatIf").get("difference").has("prewarm")).isTrue();
        assertThat(Files.readString(chart)).startsWith("<svg").contains("prod/checkout");
    }

    @Test
    void aHistoryExportedToFilesReplaysExactlyAsTheSameHistoryFromTheDemo(QuarkusMainLauncher launcher) throws Exception {
        // the demo's checkout history written as DIR/prod/checkout.csv, with zone-less timestamps as exports have them
        java.time.Instant start = io.prewarm.metrics.file.DemoHistory.START;
        java.time.Instant end = io.prewarm.metrics.file.DemoHistory.END;
        java.time.Duration step = java.time.Duration.ofMinutes(5);
        io.prewarm.policy.ServicePolicy checkout = new io.prewarm.policy.PolicyLoader(
                java.util.Set.copyOf(io.prewarm.forecast.HolidayCalendar.COUNTRIES)).loadAll(Path.of("policies")).stream()
                .filter(p -> p.key().service().value().equals("checkout")).findFirst().orElseThrow();
        io.prewarm.metrics.TimeSeries h = new io.prewarm.metrics.file.DemoMetricsSource().demand(checkout,
                new io.prewarm.common.TimeWindow(start, end, step));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < h.size(); i++) {
            csv.append(f.format(h.timeAt(i))).append(',').append(Double.isNaN(h.value(i)) ? "" : Double.toString(h.value(i)))
                    .append('\n');
        }
        Files.createDirectories(tmp.resolve("history/prod"));
        Files.writeString(tmp.resolve("history/prod/checkout.csv"), csv);

        // 25 days of training stay inside the demo's four weeks (beyond them the demo repeats itself, the file has gaps)
        LaunchResult files = launcher.launch("backtest", "--service", "checkout", "--from", "2026-11-26", "--training",
                "25d", "--metrics", "file:" + tmp.resolve("history"));
        LaunchResult demo = launcher.launch("backtest", "--service", "checkout", "--from", "2026-11-26", "--training", "25d");
        assertThat(files.exitCode()).as(files.getErrorOutput()).isZero();
        // the same numbers, and --to defaults to the end of the last day the file covers (the demo's end)
        assertThat(files.getOutput()).contains("2026-11-26T00:00:00Z .. 2026-11-28T00:00:00Z")
                .contains(demo.getOutput().lines().filter(l -> l.startsWith("  prewarm: ")).findFirst().orElseThrow());
        assertThat(table(files.getOutput())).hasSize(5).isEqualTo(table(demo.getOutput()));

        LaunchResult missing = launcher.launch("backtest", "--service", "search", "--to", "2026-11-28", "--metrics",
                "file:" + tmp.resolve("history"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.getErrorOutput()).contains("error: backtesting prod/search: reading history for "
                + "service=prod/search from file:" + tmp.resolve("history") + ": no file "
                + tmp.resolve("history/prod/search.csv"));
        LaunchResult noDir = launcher.launch("backtest", "--metrics", "file:" + tmp.resolve("nowhere"));
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.getErrorOutput()).contains("--metrics: 'file:" + tmp.resolve("nowhere") + "': "
                + tmp.resolve("nowhere") + " is not a directory");
    }

    /** The scorecard rows of a text report. */
    private static java.util.List<String> table(String out) {
        return out.lines().filter(l -> l.matches("  (static|reactive|scheduled|prewarm|oracle) +[0-9].*")).toList();
    }

    @Test
    void rejectsAnUnknownWhatIfKeyAsInvalidInput(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("backtest", "--what-if", "colour=blue");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("unknown key 'colour'");
    }
}
