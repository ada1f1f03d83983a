package io.prewarm.common.promql;

import io.prewarm.render.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java check accepts exactly the expressions the real {@code promtool check rules} accepts. */
class PromQlPromtoolAgreementTest {
    @Test
    void javaCheckAcceptsExactlyWhatPromtoolAcceptsForEveryQueryOfTheCorpus(@TempDir Path dir) throws IOException {
        List<String> corpus = PromQlCorpus.QUERIES;
        StringBuilder yaml = new StringBuilder("groups:\n  - name: corpus\n    rules:\n");
        for (int i = 0; i < corpus.size(); i++) {
            yaml.append("      - alert: Q").append(i).append("\n        expr: ").append(json(corpus.get(i))).append('\n');
        }
        Files.writeString(dir.resolve("corpus.rules.yml"), yaml);

        String output = Promtool.checkRules(dir, List.of("corpus.rules.yml")).get("corpus.rules.yml");
        Map<Integer, String> refused = Promtool.refusedRules(output);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String java;
            try {
                PromQl.check(corpus.get(i));
                java = null;
            } catch (PromQlException e) {
                java = e.getMessage();
            }
            if ((java == null) != !refused.containsKey(i)) {
                disagreements.add(json(corpus.get(i)) + ": promtool " + (refused.containsKey(i) ? "refuses (" + refused.get(i)
                        + ")" : "accepts") + ", Java " + (java == null ? "accepts" : "refuses (" + java + ")"));
            }
        }
        assertThat(disagreements).as(output).isEmpty();
        assertThat(refused).as("the corpus has both verdicts").hasSizeGreaterThan(50).hasSizeLessThan(corpus.size() - 40);
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
