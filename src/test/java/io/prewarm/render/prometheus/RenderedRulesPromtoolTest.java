package io.prewarm.render.prometheus;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.promql.PromQl;
import io.prewarm.common.promql.PromQlCorpus;
import io.prewarm.common.promql.PromQlException;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule file prewarm renders passes the real {@code promtool check rules}; validation and promtool agree. */
class RenderedRulesPromtoolTest {
    /** Queries that try to break the rendered YAML or the comparison appended to them; all are valid PromQL. */
    static final List<String> ADVERSARIAL = List.of(
            "max(q) # trailing comment",
            "sum(q)\n# not: yaml",
            "sum(q)\nby (instance)",
            "max(q{a=\"it's \\\"quoted\\\"\"}) # \"quote\" in a comment",
            "max(q{a='single', b=`raw \"x\" \\n`})",
            "max(q{a=\"☃ é 日本語\"})",
            "max(q{a=\"}\", b=\"# not a comment\", c=\"{{ $value }}\"})",
            "max(q{a=`multi\nline`})",
            "max(q{a=\"\\\\\"})",
            "max(q) # }}} {{ $value }} ): > 1 ) or vector(1)",
            "max(q{a=\": - ? [ ] &anchor *alias !tag % @\"})",
            "max(q)\t> 0",
            "max(q{a=\"\u00a0 \u0001 \u2028 \u0085 \ufeff \u007f\"})",
            "sum(" + "q + ".repeat(900) + "q)");

    @Test
    void everyGoldenDemoAndAdversarialRuleFileIsAcceptedByPromtool(@TempDir Path dir) throws IOException {
        Map<String, Integer> expectedRules = new LinkedHashMap<>();
        try (Stream<Path> golden = Files.walk(Path.of("src/test/resources/golden"))) {
            for (Path p : golden.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList()) {
                String name = "golden-" + expectedRules.size() + ".rules.yml";
                Files.copy(p, dir.resolve(name));
                expectedRules.put(name, count(Files.readString(p)));
            }
        }
        assertThat(expectedRules).as("golden rule files").isNotEmpty();
        List<ServicePolicy> demo = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(Path.of("policies"));
        assertThat(demo).hasSizeGreaterThanOrEqualTo(5);
        for (ServicePolicy p : demo) {
            String yaml = AlertRulesRenderer.yaml(p.key(), AlertRulesRenderer.rules(p.indicators()));
            String name = "demo-" + p.key().environment().value() + "-" + p.key().service().value() + ".rules.yml";
            Files.writeString(dir.resolve(name), yaml);
            expectedRules.put(name, count(yaml));
        }
        for (int i = 0; i < ADVERSARIAL.size(); i++) {
            String q = ADVERSARIAL.get(i);
            PromQl.checkComparable(q);
            String name = "adversarial-" + i + ".rules.yml";
            Files.writeString(dir.resolve(name), render(q));
            expectedRules.put(name, 4);
        }

        Map<String, String> results = Promtool.checkRules(dir, List.copyOf(expectedRules.keySet()));

        assertThat(results).hasSize(expectedRules.size());
        expectedRules.forEach((file, rules) -> assertThat(results.get(file)).as(file + ":\n" + results.get(file))
                .contains("SUCCESS: " + rules + " rules found").doesNotContain("FAILED"));
    }

    @Test
    void validationAcceptsAnIndicatorQueryExactlyWhenPromtoolAcceptsItsRenderedRules(@TempDir Path dir) throws IOException {
        List<String> queries = new ArrayList<>(PromQlCorpus.QUERIES);
        queries.addAll(ADVERSARIAL.subList(0, ADVERSARIAL.size() - 1));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            files.add("q" + i + ".rules.yml");
            Files.writeString(dir.resolve(files.get(i)), renderOrRaw(queries.get(i)));
        }

        Map<String, String> results = Promtool.checkRules(dir, files);

        List<String> disagreements = new ArrayList<>();
        int refusedByPromtool = 0;
        for (int i = 0; i < queries.size(); i++) {
            boolean promtool = Promtool.accepted(results.get(files.get(i)));
            refusedByPromtool += promtool ? 0 : 1;
            String java = null;
            try {
                PromQl.checkComparable(queries.get(i));
            } catch (PromQlException e) {
                java = e.getMessage();
            }
            if (promtool != (java == null)) {
                disagreements.add("'" + queries.get(i).replace("\n", "\\n") + "': promtool " + (promtool ? "accepts"
                        : "refuses:\n" + results.get(files.get(i))) + "; validation " + (java == null ? "accepts" : "refuses: " + java));
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(refusedByPromtool).isBetween(50, queries.size() - 40);
    }

    /** The rules prewarm writes for a service whose four indicators all use {@code query}. */
    private static String render(String q) {
        Indicators ind = new Indicators(Optional.of(q), 10, Optional.of(q), Optional.of(0.4), Optional.of(q), 0.8,
                Optional.of(q), Optional.of(2.5));
        return AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), AlertRulesRenderer.rules(ind));
    }

    /** As {@link #render}, or for a query that cannot even be lexed one rule with the raw query, written the same way. */
    private static String renderOrRaw(String q) {
        try {
            return render(q);
        } catch (PromQlException e) {
            return AlertRulesRenderer.yaml(ServiceKey.of("prod", "web"), List.of(new AlertRulesRenderer.Rule(
                    "PrewarmQueueDepthHigh", "(" + q + ") > 10", "2m", AlertRulesRenderer.SCALE_UP, "raw", "raw")));
        }
    }

    private static int count(String yaml) {
        return yaml.split("- alert: ", -1).length - 1;
    }
}
