package io.prewarm.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy queries are checked as PromQL: validate refuses what promtool would refuse in the rendered rules. */
class PolicyQueryValidationTest {
    final PolicyLoader loader = new PolicyLoader(PolicyLoaderTest.COUNTRIES);

    @TempDir
    Path dir;

    private List<String> problems(String demand, String queueDepth) throws IOException {
        Path file = dir.resolve("web.yaml");
        Files.writeString(file, PolicyLoaderTest.VALID.replace(
                "demand: {query: 'sum(rate(http_requests_total{job=\"web\"}[5m]))'}", "demand: {query: " + demand + "}")
                + "indicators:\n  queueDepth:\n    query: " + queueDepth + "\n");
        try {
            loader.loadAll(dir);
            return List.of();
        } catch (PolicyException e) {
            return e.problems().stream().map(PolicyProblem::toString).toList();
        }
    }

    @Test
    void queriesPrometheusWouldRefuseAreReportedWithFileFieldValueCauseAndPosition() throws IOException {
        List<String> problems = problems("'sum(rate(x))'", "'\"max(q{a=\\\"b\\nc\\\"})\"'".replace("'\"", "\"").replace("\"'", "\""));
        Path file = dir.resolve("web.yaml");
        assertThat(problems).containsExactly(
                file + ": demand.query: \"sum(rate(x))\": expected type range vector in call to function \"rate\", "
                        + "got instant vector (position 10)",
                file + ": indicators.queueDepth.query: \"max(q{a=\\\"b\\nc\\\"})\": unterminated quoted string "
                        + "(line 1, column 9)");
    }

    @Test
    void aTrailingCommentOrALineBreakIsValidPromQlAndValidates() throws IOException {
        assertThat(problems("'sum(x) # total'", "\"max(q) # deepest\\n  by (zone)\"")).isEmpty();
    }

    @Test
    void aScalarIndicatorQueryIsRefusedBecauseItsRuleCouldNotCompareIt() throws IOException {
        assertThat(problems("'sum(x)'", "'42'")).singleElement().asString()
                .endsWith("indicators.queueDepth.query: \"42\": must return an instant vector, got a scalar "
                        + "(the alert rule compares it with its threshold)");
    }

    @Test
    void aQueryOverFourKibIsRefusedWithItsSizeAndAShortenedValue() throws IOException {
        String huge = "sum(" + "q + ".repeat(1100) + "q)";
        assertThat(problems("'" + huge + "'", "'max(q)'")).singleElement().asString()
                .endsWith("demand.query: \"" + huge.substring(0, 80) + "...\": is 4406 bytes long; the limit is 4096 "
                        + "bytes (4 KiB)");
    }
}
