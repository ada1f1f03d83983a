package io.prewarm.telemetry;

import io.prewarm.render.Promtool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.render.ExternalTools;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerting rules and the Grafana dashboard under monitoring/ are valid and use only metrics that exist. */
class MonitoringTest {
    static final Path DIR = Path.of("monitoring");
    static final Path RULES = DIR.resolve("prewarm-alerts.yml");
    static final Path RULE_TESTS = DIR.resolve("prewarm-alerts.test.yml");
    static final Path DASHBOARD = DIR.resolve("prewarm-dashboard.json");

    @Test
    void alertRulesPassPromtoolCheckRules() {
        ExternalTools.Result r = Promtool.run(DIR, "check", "rules", RULES.getFileName().toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 7 rules found");
    }

    @Test
    void everyAlertHasAPassingPromtoolTestCase() throws Exception {
        ExternalTools.Result r = Promtool.run(DIR, "test", "rules", RULE_TESTS.getFileName().toString());
        assertThat(r.exit()).as(r.output()).isZero();
        Set<String> alerts = matches(Files.readString(RULES), "(?m)^\\s*- alert: (\\S+)$");
        Set<String> tested = matches(Files.readString(RULE_TESTS), "(?m)^\\s*alertname: (\\S+)$");
        assertThat(tested).isEqualTo(alerts);
        assertThat(alerts).contains("PrewarmPlanNotSucceeded", "PrewarmSafetyCapHit", "PrewarmEmergencyActiveTooLong",
                "PrewarmForecastErrorHigh");
    }

    @Test
    void rulesAndDashboardOnlyUseMetricsThatPrewarmExposes() throws Exception {
        Set<String> exposed = exposedNames();
        Set<String> used = new TreeSet<>();
        used.addAll(matches(Files.readString(RULES), "\\b(prewarm_[a-z_]+)"));
        used.addAll(matches(Files.readString(DASHBOARD), "\\b(prewarm_[a-z_]+)"));
        assertThat(used).isNotEmpty();
        assertThat(exposed).containsAll(used);
    }

    @Test
    void dashboardIsGrafanaJsonWithAQueryPerPanel() throws Exception {
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(d.path("uid").asText()).isEqualTo("prewarm-self");
        List<String> untargeted = new ArrayList<>();
        int panels = 0;
        for (JsonNode p : d.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            panels++;
            if (p.path("targets").isEmpty() || p.path("targets").get(0).path("expr").asText().isBlank()) {
                untargeted.add(p.path("title").asText());
            }
        }
        assertThat(panels).isGreaterThan(15);
        assertThat(untargeted).isEmpty();
    }

    /** Every sample name the meters can produce, with the suffixes of counters and histograms. */
    static Set<String> exposedNames() {
        PrometheusRegistry registry = new PrometheusRegistry();
        PrewarmMetrics m = PrewarmMetrics.register(registry);
        m.lastSuccess(1);
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot s : registry.scrape()) {
            String n = s.getMetadata().getPrometheusName();
            names.add(n);
            if (s instanceof CounterSnapshot) {
                names.add(n + "_total");
            } else if (s instanceof HistogramSnapshot) {
                names.addAll(List.of(n + "_bucket", n + "_count", n + "_sum"));
            }
        }
        return names;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
