package io.prewarm.common.promql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromQlTest {
    @Test
    void canonicalFormDropsCommentsAndJoinsLinesSoNothingAppendedCanBeSwallowed() {
        assertThat(PromQl.canonical("max(q) # x")).isEqualTo("max(q)");
        assertThat(PromQl.canonical("  sum(q)\n  # why\n  by (le)\t")).isEqualTo("sum(q) by (le)");
        assertThat(PromQl.canonical("q{a=\"# kept\",b=`x\ny`}#c\n+1")).isEqualTo("q{a=\"# kept\",b=`x\ny`} +1");
    }

    @Test
    void canonicalFormOfTheDemoQueriesIsTheQueryItself() {
        String q = "histogram_quantile(0.95, sum by (le) (rate(x_bucket{service=\"checkout\"}[5m])))";
        assertThat(PromQl.canonical(q)).isEqualTo(q);
    }

    @Test
    void aCommentThatSwallowsTheClosingBraceIsRefusedWithItsPosition() {
        String q = "x{a=\"b\" # c}";
        assertThatThrownBy(() -> PromQl.check(q)).isInstanceOfSatisfying(PromQlException.class, e -> {
            assertThat(e.reason()).isEqualTo("unexpected end of input inside braces");
            assertThat(e.where(q)).isEqualTo("position 13");
        });
    }

    @Test
    void errorsNameTheCauseAndWhereItIs() {
        assertThatThrownBy(() -> PromQl.check("sum(rate(x))")).hasMessage(
                "expected type range vector in call to function \"rate\", got instant vector (position 10)");
        String multi = "sum(x)\n  by (a) by (b)";
        assertThatThrownBy(() -> PromQl.check(multi)).isInstanceOfSatisfying(PromQlException.class, e ->
                assertThat(e.reason() + " at " + e.where(multi)).isEqualTo("unexpected <by> at line 2, column 10"));
        assertThatThrownBy(() -> PromQl.check("x{a=\"b\nc\"}")).hasMessage("unterminated quoted string (position 5)");
    }

    @Test
    void listItemsWithoutACommaBetweenThemNameTheListAndItsClosingToken() {
        assertThatThrownBy(() -> PromQl.check("x{a=\"b\" c=\"d\"}")).hasMessageStartingWith("unexpected ")
                .hasMessageContaining(" in label matching, expected \",\" or \"}\"");
        assertThatThrownBy(() -> PromQl.check("sum by (a b) (x)")).hasMessageStartingWith("unexpected ")
                .hasMessageContaining(" in grouping opts, expected \",\" or \")\"");
    }

    @Test
    void anAlertQueryMustBeAnInstantVectorBecauseTheRuleComparesIt() {
        assertThatThrownBy(() -> PromQl.checkComparable("scalar(x)")).hasMessage(
                "must return an instant vector, got a scalar (the alert rule compares it with its threshold)");
        assertThatThrownBy(() -> PromQl.checkComparable("x[5m]")).hasMessageContaining("got a range vector");
        PromQl.checkRangeQuery("scalar(x)");
        assertThatThrownBy(() -> PromQl.checkRangeQuery("x[5m]")).hasMessage("must return an instant vector or a "
                + "scalar, got a range vector (Prometheus's range-query API refuses other types)");
    }

    @Test
    void aQueryOverFourKibIsRefusedThoughPrometheusWouldTakeIt() {
        String q = "sum(" + "q + ".repeat(1100) + "q)";
        assertThat(PromQl.check(q)).isEqualTo(ValueType.VECTOR);
        assertThatThrownBy(() -> PromQl.checkComparable(q)).hasMessage("is 4406 bytes long; the limit is 4096 bytes (4 KiB)");
        String exactly = "sum(" + "q".repeat(PromQl.MAX_BYTES - 5) + ")";
        PromQl.checkComparable(exactly);
    }

    @Test
    void stableNativeHistogramFunctionsOfNewerPrometheusValidateButExperimentalOnesDoNot() {
        for (String f : new String[] {"histogram_avg", "histogram_stddev", "histogram_stdvar"}) {
            String q = "sum(" + f + "(rate(h{job=\"api\"}[5m])))";
            assertThat(PromQl.check(q)).isEqualTo(ValueType.VECTOR);
            PromQl.checkComparable(q);
        }
        assertThatThrownBy(() -> PromQl.check("limitk(2, x)")).hasMessageContaining("limitk");
    }
}
