package io.prewarm.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console page, its error page and a chart byte for byte against {@code src/test/resources/golden/console/}
 * ({@code -Dgolden.update=true} rewrites them after an intended change).
 */
class ConsoleGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/console");

    static void assertGolden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("golden " + file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The page model of ConsolePageTest with hostile text everywhere, plus a service with every series. */
    static ConsoleModel model() {
        ConsoleModel m = ConsolePageTest.model(ConsolePageTest.EVIL, "ops (" + ConsolePageTest.EVIL + ")");
        ConsoleModel.Service full = new ConsoleModel.Service("staging", "web<x>", "aws-asg", "web\"staging", 1, 9,
                m.services().get(0).plan(), List.of(), Optional.of(ConsoleChartTest.chart()), "", false);
        List<ConsoleModel.Service> services = new java.util.ArrayList<>(m.services());
        services.add(full);
        return new ConsoleModel(m.now(), true, m.lastPlan(), services);
    }

    @Test
    void pageIsByteIdenticalToTheGolden() throws IOException {
        assertGolden("page.html", ConsolePage.render(model()));
    }

    @Test
    void pageWithoutServicesOrPlanIsByteIdenticalToTheGolden() throws IOException {
        assertGolden("empty.html", ConsolePage.render(new ConsoleModel(ConsolePageTest.NOW, false, Optional.empty(),
                List.of())));
    }

    @Test
    void errorPageIsByteIdenticalToTheGolden() throws IOException {
        assertGolden("error.html", ConsolePage.error(429, "too many requests from <x> & \"y\""));
    }

    @Test
    void chartIsByteIdenticalToTheGolden() throws IOException {
        assertGolden("chart.svg", ConsoleChart.render("c", "t <&>", ConsolePageTest.NOW, ConsoleChartTest.chart()));
    }
}
