package io.prewarm.backtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The backtest's SVG of ReportsTest's replay byte for byte against {@code src/test/resources/golden/backtest/}. */
class SvgChartGoldenTest {
    @Test
    void chartIsByteIdenticalToTheGolden() throws IOException {
        ReportsTest.replay();
        String svg = SvgChart.render(List.of(ReportsTest.whatIf.base(), ReportsTest.whatIf.variant()));
        Path file = Path.of("src/test/resources/golden/backtest/chart.svg");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        }
        assertThat(svg).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
