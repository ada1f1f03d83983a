package io.prewarm.policy;

import io.prewarm.common.promql.PromQl;
import io.prewarm.common.promql.PromQlException;

import java.util.function.Consumer;

/**
 * Checks a policy's PromQL fields as Prometheus would parse them, so {@code validate} refuses a query that
 * would make the rendered alert rules (or the range queries of {@code plan}) fail. The problem names the value
 * (shortened when long, newlines shown as {@code \n}), the cause and where it is.
 */
final class QueryCheck {
    private static final int SHOWN = 80;

    private QueryCheck() {
    }

    /** A query an alert rule compares with a threshold: {@code indicators.*.query}. */
    static void comparable(FieldReader r, String field, String query) {
        run(r, field, query, PromQl::checkComparable);
    }

    /** A query read through the range-query API: {@code demand.query}, {@code demand.instanceQuery}. */
    static void rangeQuery(FieldReader r, String field, String query) {
        run(r, field, query, PromQl::checkRangeQuery);
    }

    private static void run(FieldReader r, String field, String query, Consumer<String> check) {
        try {
            check.accept(query);
        } catch (PromQlException e) {
            String where = e.where(query);
            r.problem(field, show(query) + ": " + e.reason() + (where.isEmpty() ? "" : " (" + where + ")"));
        }
    }

    /** The value in double quotes on one line, cut after {@value #SHOWN} characters. */
    static String show(String query) {
        String cut = query.length() > SHOWN ? query.substring(0, SHOWN) : query;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : cut.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append(query.length() > SHOWN ? "...\"" : "\"").toString();
    }
}
