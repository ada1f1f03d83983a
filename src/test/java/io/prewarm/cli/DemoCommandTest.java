package io.prewarm.cli;

import io.prewarm.metrics.file.DemoHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void exportWritesEveryDemoPointAsAGaugeSampleWithGapsAsNaN(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.om.txt");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err))
                .execute("export", "--openmetrics", file.toString());

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("# TYPE demo_http_requests_per_second gauge");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
        int points = DemoHistory.all().stream().mapToInt(s -> s.values().size()).sum();
        int missing = DemoHistory.all().stream().mapToInt(s -> s.values().missing()).sum();
        assertThat(lines).hasSize(points + 2);
        assertThat(lines.stream().filter(l -> l.contains(" NaN "))).hasSize(missing);
        assertThat(lines).anyMatch(l -> l.startsWith(
                "demo_http_requests_per_second{environment=\"prod\",service=\"checkout\"} "));
        assertThat(lines.get(1)).endsWith(" " + DemoHistory.START.getEpochSecond());
        assertThat(err.toString()).contains("backfill: promtool tsdb create-blocks-from openmetrics " + file);
    }

    @Test
    void exportToAMissingFolderSaysSoAndExitsTwo(@TempDir Path dir) {
        Path file = dir.resolve("x/y.om.txt");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DemoCommand()).setExecutionExceptionHandler(new ExitCodes())
                .setErr(new PrintWriter(err)).execute("export", "--openmetrics", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: writing " + file + ": folder " + dir.resolve("x")
                + " does not exist" + System.lineSeparator());
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void exportToStandardOutput() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new DemoCommand()).setOut(new PrintWriter(out))
                .execute("export", "--openmetrics", "-");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("# TYPE demo_http_requests_per_second gauge\n").endsWith("# EOF\n");
    }
}
