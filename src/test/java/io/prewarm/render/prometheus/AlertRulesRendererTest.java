package io.prewarm.render.prometheus;

import io.prewarm.render.Promtool;
import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.ExternalTools;
import io.prewarm.render.GoldenFiles;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.RenderedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesRendererTest {
    private final AlertRulesRenderer renderer = new AlertRulesRenderer();

    @Test
    void rendersTheFourLeadingIndicatorsAsInTheGoldenFile() {
        GoldenFiles.assertMatches("prometheus", renderer.render(PlanFixtures.awsPlan()));
    }

    @Test
    void labelsEveryAlertForRoutingToTheWebhook() {
        String rules = rules(renderer.render(PlanFixtures.awsPlan()));
        assertThat(rules.split("- alert: ", -1)).hasSize(5);
        assertThat(rules.split("environment: \"prod\"", -1)).hasSize(5);
        assertThat(rules.split("service: \"checkout\"", -1)).hasSize(5);
        assertThat(rules).contains("alert: PrewarmQueueDepthHigh", "prewarm_action: \"scale-up\"",
                "alert: PrewarmConnectionPoolSaturated", "prewarm_action: \"freeze\"",
                ") > 10\"", ") > 0.4\"", ") > 0.8\"", ") < 2.5\"");
    }

    @Test
    void escapesQueriesSoTheyCannotBreakTheYaml() {
        Indicators ind = new Indicators(Optional.of("sum(q{a=\"x\\\\y\"})\n# not: yaml"), 10, Optional.empty(),
                Optional.empty(), Optional.empty(), 0.8, Optional.empty(), Optional.empty());
        String yaml = AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), AlertRulesRenderer.rules(ind));
        assertThat(yaml).contains("expr: \"(sum(q{a=\\\"x\\\\\\\\y\\\"})) > 10\"");
    }

    @Test
    void everyRenderedExpressionReadsBackAsTheQueryWithItsComparison() throws Exception {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        for (String q : RenderedRulesPromtoolTest.ADVERSARIAL) {
            Indicators ind = new Indicators(Optional.of(q), 10, Optional.empty(), Optional.empty(), Optional.empty(),
                    0.8, Optional.empty(), Optional.empty());
            List<AlertRulesRenderer.Rule> rules = AlertRulesRenderer.rules(ind);

            var read = yaml.readTree(AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), rules));

            var rule = read.at("/groups/0/rules/0");
            assertThat(rule.get("expr").asText()).as(q).isEqualTo(rules.get(0).expr());
            assertThat(rule.get("alert").asText()).isEqualTo("PrewarmQueueDepthHigh");
            assertThat(rule.at("/labels/service").asText()).isEqualTo("web");
        }
    }

    @Test
    void writesAMultiLineRawStringAsALiteralBlock() {
        Indicators ind = new Indicators(Optional.of("max(q{a=`multi\nline`})"), 10, Optional.empty(),
                Optional.empty(), Optional.empty(), 0.8, Optional.empty(), Optional.empty());
        String yaml = AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), AlertRulesRenderer.rules(ind));
        assertThat(yaml).contains("        expr: |-\n          (max(q{a=`multi\n          line`})) > 10\n        for: 2m\n");
    }

    @Test
    void aTrailingCommentCannotSwallowTheComparison() {
        Indicators ind = new Indicators(Optional.of("max(q) # deepest queue"), 10, Optional.empty(), Optional.empty(),
                Optional.empty(), 0.8, Optional.of("sum(r)\n  # per thread\n  / sum(t)"), Optional.of(2.5));
        String yaml = AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), AlertRulesRenderer.rules(ind));
        assertThat(yaml).contains("expr: \"(max(q)) > 10\"", "expr: \"(sum(r) / sum(t)) < 2.5\"")
                .doesNotContain("# deepest", "# per thread");
    }

    @Test
    void writesAnEmptyGroupWhenTheServiceHasNoIndicators() {
        String yaml = AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), AlertRulesRenderer.rules(Indicators.none()));
        assertThat(yaml).endsWith("  - name: \"prewarm-prod-web\"\n    rules: []\n");
    }

    @Test
    void promtoolAcceptsTheRules(@TempDir Path dir) {
        Path promtool = Promtool.require();
        CapacityPlan plan = PlanFixtures.awsPlan();
        GoldenFiles.write(renderer.render(plan), dir);
        GoldenFiles.write(RenderedFiles.of(java.util.Map.of("empty.rules.yml",
                AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), List.of()))), dir);

        ExternalTools.Result result = ExternalTools.run(dir, 120, promtool.toString(), "check", "rules",
                AlertRulesRenderer.path(plan.key()), "empty.rules.yml");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 4 rules found", "SUCCESS: 0 rules found");
    }

    private static String rules(RenderedFiles files) {
        return files.files().get("generated/prometheus/prod/checkout.rules.yml");
    }
}
