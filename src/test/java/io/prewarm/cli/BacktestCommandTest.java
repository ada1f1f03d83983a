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
    void rejectsAnUnknownWhatIfKeyAsInvalidInput(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("backtest", "--what-if", "colour=blue");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("unknown key 'colour'");
    }
}
