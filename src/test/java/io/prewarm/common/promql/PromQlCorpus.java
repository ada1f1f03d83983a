package io.prewarm.common.promql;

import java.util.List;

/** Queries valid and invalid in every part of the grammar; tests hold the Java check to promtool's verdict on each. */
public final class PromQlCorpus {
    private PromQlCorpus() {
    }

    public static final List<String> QUERIES = List.of(
            // valid
            "sum(rate(http_requests_total{job=\"web\"}[5m]))",
            "histogram_quantile(0.95, sum by (le) (rate(http_server_duration_seconds_bucket{service=\"checkout\"}[5m])))",
            "max(db_pool_active / db_pool_max) # pool use",
            "sum(q)\n  # a comment on its own line\n  by (instance)",
            "q{a=\"x\\\\y\", b!='c', c=~`d.*`, d!~\"e|f\",}",
            "q{a=\"}\"} > on(a) group_left(b) r",
            "sum without (a) (x) / ignoring(b) group_right y",
            "x == bool 1", "1 > bool 2", "-x ^ 2 * - - 3", "+x", "x atan2 y", "x and on() y or z unless w",
            "0x1F + 0X1f + .5 + 5. + 1e3 + 1E-3 + Inf + NaN - inf",
            "x offset 5m", "x offset -1h30m", "x @ 1609746000", "x @ start() offset 1m", "rate(x[5m] @ end())",
            "x[1h:5m]", "max_over_time(deriv(x[5m])[1h:])", "x[5m:1m] offset 1m",
            "topk(3, x)", "quantile(0.9, x)", "count_values(\"v\", x)", "sum(x) by ()",
            "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")", "label_join(x, \"a\", \",\", \"b\", \"c\", \"d\")",
            "round(x)", "round(x, 5)", "day_of_week()", "time()", "vector(1)", "scalar(x)",
            "sum{a=\"b\"}", "without", "offset offset 5m", "a:b:c", ":x", "x{a=~\"(?i)a|\\\\d+\", b=~\"a{,5}\"}",
            "{__name__=~\"job:.*\"}", "q{a=\"é\\u00e9 ☃\"}", "x{a=`b\nc`}", "x # trailing",
            // invalid
            "", "# only a comment", "sum(x", "sum(x))", "x{a=\"b\" # c\n}",
            "x{a=\"b\nc\"}", "x{a=\"\\z\"}", "\"\\xZZ\"", "é", "x{1a=\"c\"}", "x{a:b=\"c\"}", "x{,}",
            "rate(x)", "abs(x[5m])", "sum(x, y)", "topk(x)", "topk(\"a\", x)", "count_values(1, x)", "sum()",
            "f(x)", "RATE(x[5m])", "holt_winters(x[5m], 0.5)", "round(x, 1, 2)", "abs(x,)",
            "x and 1", "x + on(a) 1", "x and on(a) group_left y", "x + bool y", "x + on(a) group_left(a) y",
            "1 > 2", "\"a\" + 1", "-\"a\"", "-x[5m]", "x + group_left y",
            "sum(x) offset 5m", "x offset 5m [5m]", "x @ 1 [5m]", "x @ 1 @ 2", "x offset 1m offset 2m", "(x)[5m]",
            "x[5m][5m]", "x[5m:][5m:]", "x[0s]", "x offset 0s", "x[5m:0s]", "x[1.5m]", "x[30m1h]", "x[5m:1m:1m]",
            "x @ Inf", "x @ foo()", "1e", "1e999", "1_000", "1h", "0x", "time() - 5m",
            "{a=\"\"}", "{a=~\".*\"}", "{a!~\"a\"}", "x{__name__=\"y\"}", "x{a=~\"(?=a)\"}", "x{a=~\"a++\"}",
            "x{a=~\"a{2}{3}\"}", "x{a=~\"\\\\1\"}", "x{a=~\"[z-a]\"}", "x{a=~\"(a\"}", "x{a=~\"a{1001}\"}",
            "sum(x) by (a) by (b)", "sum by (a:b) (x)", "on", "bool", "x{a=\"b\"}{c=\"d\"}", "x = 1", "x =~ \"a\"",
            "x # comment swallows ) > 10 )");
}
