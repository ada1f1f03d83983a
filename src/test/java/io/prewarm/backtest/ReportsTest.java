package io.prewarm.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.RulesPlanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Text, JSON and SVG of a small replay with a what-if: stable names, same bytes for the same input. */
class ReportsTest {
    static WhatIf whatIf;

    @BeforeAll
    static void replay() {
        TimeSeries history = TestPolicies.officeHours(TestPolicies.MONDAY, 8, 200, 1000);
        whatIf = new Replay(new TestPolicies.DailyRepeat(), new RulesPlanner()).whatIf(TestPolicies.aws(),
                PolicyVariant.parse("headroom=0.5"), history, new Replay.Spec(ReplayTest.FROM,
                        ReplayTest.FROM.plus(java.time.Duration.ofDays(1)), java.time.Duration.ofDays(7),
                        java.time.Duration.ofDays(1), DemandTrace.Shape.STEP));
    }

    static List<Reports.Entry> entries() {
        return List.of(new Reports.Entry(whatIf.base(), Optional.of(whatIf)));
    }

    @Test
    void jsonHoldsEveryStrategyWithTheDocumentedFields() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Reports.json(entries()));
        JsonNode svc = root.get("services").get(0);
        assertThat(svc.get("service").asText()).isEqualTo("prod/web");
        JsonNode strategies = svc.get("strategies");
        assertThat(strategies.fieldNames()).toIterable().containsExactly("static", "reactive", "scheduled", "prewarm",
                "oracle");
        for (JsonNode s : strategies) {
            assertThat(s.fieldNames()).toIterable().contains("instanceHours", "underProvisionedMinutes", "totalMinutes",
                    "worstShortfall", "scaleActions", "reversals");
        }
        assertThat(strategies.get("static").get("instanceHours").asDouble()).isEqualTo(12 * 24.0);
        assertThat(svc.get("verdict").asText()).startsWith("prewarm: ").contains("the oracle's instance-hours");
        assertThat(svc.get("suggestedWhatIfs").isArray()).isTrue();
        assertThat(svc.get("scheduleFor").asText()).isEqualTo("forecast");
        assertThat(svc.get("reactiveLayer").asBoolean()).isTrue();
        assertThat(strategies.get("static").get("totalMinutes").asInt()).isEqualTo(1440);
        // headroom 0.5: the static fleet is ceil(1000 x 1.5 / 100) = 15 for 24 h, 3 x 24 more instance-hours
        JsonNode diff = svc.get("whatIf").get("difference").get("static");
        assertThat(diff.get("instanceHours").asDouble()).isEqualTo(72.0);
        assertThat(svc.get("whatIf").get("changes").get("headroom").asText()).isEqualTo("0.5");
    }

    @Test
    void textShowsTheTableTheSummaryAndTheWhatIf() {
        String text = Reports.text(entries());
        assertThat(text).contains("prod/web", "strategy", "inst-hours", "static", "reactive", "scheduled", "prewarm",
                "oracle", "the oracle's instance-hours", "what-if headroom=0.5");
        assertThat(text).contains("static            288.0");
    }

    @Test
    void outputsAreDeterministic() {
        assertThat(Reports.json(entries())).isEqualTo(Reports.json(entries()));
        String svg = SvgChart.render(List.of(whatIf.base()));
        assertThat(svg).isEqualTo(SvgChart.render(List.of(whatIf.base())));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("prewarm capacity", "demand",
                "forecast planned for");
        assertThat(svg.split("<polyline", -1).length - 1).isGreaterThanOrEqualTo(7);
    }
}
