package io.prewarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    @Test
    void writesTheInterchangeCsvAndTimingsForEveryTask(@TempDir Path dir) throws IOException {
        Path hist = Files.createDirectories(dir.resolve("history"));
        StringBuilder m4 = new StringBuilder("timestamp,value\n");
        for (int t = 0; t < 24 * 21; t++) {
            m4.append(t).append(',').append(t == 50 ? "" : Double.toString(100 + 50 * Math.sin(2 * Math.PI * t / 24)))
                    .append('\n');
        }
        Files.writeString(hist.resolve("H1__504.csv"), m4);
        StringBuilder cal = new StringBuilder("timestamp,value\n");
        for (int t = 0; t < 24 * 3; t++) {
            cal.append(String.format("2014-07-%02d %02d:00:00,%d%n", 1 + t / 24, t % 24, 10 + t % 24));
        }
        Files.writeString(hist.resolve("s__72.csv"), cal);
        Files.writeString(hist.resolve("index.csv"), "file,series_id,origin,origin_t,horizon\n"
                + "H1__504.csv,H1,504,504,48\ns__72.csv,s,2014-07-04 00:00:00,72,24\n");
        ForecastCommand cmd = new ForecastCommand();
        cmd.history = hist;
        cmd.out = dir.resolve("f.csv");
        cmd.timings = dir.resolve("t.csv");
        cmd.method = "prewarm";
        cmd.run();
        List<String> rows = Files.readAllLines(cmd.out);
        assertThat(rows).hasSize(1 + 48 + 24);
        assertThat(rows.get(0)).isEqualTo("series_id,origin,step,timestamp,forecast,upper,model");
        assertThat(rows.get(1)).startsWith("H1,504,1,504,");
        assertThat(rows.get(49)).startsWith("s,2014-07-04 00:00:00,1,2014-07-04 00:00:00,");
        assertThat(rows).noneMatch(r -> r.contains("NaN"));
        assertThat(Files.readAllLines(cmd.timings)).hasSize(3).allMatch(r -> r.startsWith("method") || r.endsWith(",ok"));
    }
}
