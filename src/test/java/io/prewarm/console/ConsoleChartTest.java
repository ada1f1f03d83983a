package io.prewarm.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleChartTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static ConsoleModel.Chart chart() {
        Instant from = NOW.minus(Duration.ofDays(3));
        List<Double> demand = new ArrayList<>();
        for (int i = 0; i < 3 * 288; i++) { // 5-minute samples
            demand.add(i == 500 ? 5000.0 : i == 600 ? Double.NaN : 300 + 200 * Math.sin(i / 40.0));
        }
        List<Double> point = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (int i = 0; i < 7 * 24; i++) {
            point.add(400.0 + i % 24 * 10);
            upper.add(500.0 + i % 24 * 10);
        }
        return new ConsoleModel.Chart(from, NOW.plus(Duration.ofDays(7)), "rps",
                Optional.of(new ConsoleModel.Series(from, Duration.ofMinutes(5), demand)),
                Optional.of(new ConsoleModel.Series(NOW, Duration.ofHours(1), point)),
                Optional.of(new ConsoleModel.Series(NOW, Duration.ofHours(1), upper)),
                Optional.of(new ConsoleModel.Series(from, Duration.ofHours(1), java.util.Collections.nCopies(240, 800.0))), 100,
                List.of());
    }

    @Test
    void sameDataSameBytes() {
        assertThat(ConsoleChart.render("c", "t", NOW, chart())).isEqualTo(ConsoleChart.render("c", "t", NOW, chart()));
    }

    @Test
    void everyLineStaysWithinThePointBudgetAndKeepsThePeak() {
        String svg = ConsoleChart.render("c", "t", NOW, chart());
        Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        int lines = 0;
        while (m.find()) {
            lines++;
            assertThat(m.group(1).split(" ").length).isLessThanOrEqualTo(2 * ConsoleChart.POINTS);
        }
        assertThat(lines).as("demand (split at the gap), forecast, upper, capacity").isGreaterThanOrEqualTo(4);
        assertThat(ConsoleChart.describe(chart())).contains("Observed demand peaks at 5000.0", "Upper forecast peaks at 730.0",
                "Planned capacity peaks at 800.0 (8 instances)");
    }

    @Test
    void hasAnAccessibleNameAndEscapesIt() {
        String svg = ConsoleChart.render("svc-prod--checkout-chart", "Demand of <prod/checkout>", NOW, chart());
        assertThat(svg).startsWith("<svg class=\"chart\"").contains("role=\"img\"",
                "aria-labelledby=\"svc-prod--checkout-chart-t svc-prod--checkout-chart-d\"",
                "<title id=\"svc-prod--checkout-chart-t\">Demand of &lt;prod/checkout&gt;</title>", ">now</text>");
    }

    @Test
    void axisEndsOnARoundNumber() {
        assertThat(ConsoleChart.niceCeiling(5250)).isEqualTo(10000);
        assertThat(ConsoleChart.niceCeiling(1870)).isEqualTo(2000);
        assertThat(ConsoleChart.niceCeiling(2.3)).isEqualTo(2.5);
    }

    @Test
    void aFreezeIsDrawnAsALevelFromItsStartWithItsLabel() {
        ConsoleModel.Chart c = chart();
        ConsoleModel.Chart pinned = new ConsoleModel.Chart(c.from(), c.to(), c.unit(), c.demand(), c.forecast(), c.upper(),
                c.capacity(), c.perInstance(), List.of(new ConsoleModel.Pin("freeze at <12>", 1200, NOW.minus(Duration.ofDays(10)),
                Optional.empty())));
        String svg = ConsoleChart.render("c", "t", NOW, pinned);
        assertThat(svg).contains("<line class=\"pin\" x1=\"52.0\"", ">freeze at &lt;12&gt;</text>");
        assertThat(ConsoleChart.describe(pinned)).contains("freeze at <12> (1200.0)");
    }
}
