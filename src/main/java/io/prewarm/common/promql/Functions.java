package io.prewarm.common.promql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.prewarm.common.promql.ValueType.MATRIX;
import static io.prewarm.common.promql.ValueType.SCALAR;
import static io.prewarm.common.promql.ValueType.STRING;
import static io.prewarm.common.promql.ValueType.VECTOR;

/**
 * The functions of Prometheus 2.42 ({@code promql/parser/functions.go}; the {@code promtool} of Debian 12 that
 * CI checks rule files with) and their signatures, plus the native-histogram functions that later releases
 * made stable ({@code histogram_avg}, {@code histogram_stddev}, {@code histogram_stdvar}, 2.50 and later), so a
 * policy written for a current Prometheus validates. Experimental functions ({@code limitk}, {@code sort_by_label},
 * {@code double_exponential_smoothing}, ...) are unknown on purpose: a rule that uses one fails to load on a
 * server that has not enabled them.
 */
final class Functions {
    /**
     * @param args     argument types; with {@code variadic != 0} the last one may be left out (or repeated)
     * @param variadic 0: exactly {@code args}; n &gt; 0: up to n more of the last type (at least all but one);
     *                 -1: any number more of the last type
     * @param returns  the result type
     */
    record Signature(List<ValueType> args, int variadic, ValueType returns) {
    }

    private static final Map<String, Signature> ALL = new TreeMap<>();

    static {
        for (String f : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
                "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_stddev", "histogram_stdvar",
                "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan",
                "tanh", "timestamp")) {
            ALL.put(f, new Signature(List.of(VECTOR), 0, VECTOR));
        }
        for (String f : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
                "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            ALL.put(f, new Signature(List.of(MATRIX), 0, VECTOR));
        }
        for (String f : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
                "month", "year")) {
            ALL.put(f, new Signature(List.of(VECTOR), 1, VECTOR));
        }
        ALL.put("clamp", new Signature(List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR));
        ALL.put("clamp_max", new Signature(List.of(VECTOR, SCALAR), 0, VECTOR));
        ALL.put("clamp_min", new Signature(List.of(VECTOR, SCALAR), 0, VECTOR));
        ALL.put("histogram_fraction", new Signature(List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR));
        ALL.put("histogram_quantile", new Signature(List.of(SCALAR, VECTOR), 0, VECTOR));
        ALL.put("holt_winters", new Signature(List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR));
        ALL.put("label_join", new Signature(List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR));
        ALL.put("label_replace", new Signature(List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR));
        ALL.put("pi", new Signature(List.of(), 0, SCALAR));
        ALL.put("predict_linear", new Signature(List.of(MATRIX, SCALAR), 0, VECTOR));
        ALL.put("quantile_over_time", new Signature(List.of(SCALAR, MATRIX), 0, VECTOR));
        ALL.put("round", new Signature(List.of(VECTOR, SCALAR), 1, VECTOR));
        ALL.put("scalar", new Signature(List.of(VECTOR), 0, SCALAR));
        ALL.put("time", new Signature(List.of(), 0, SCALAR));
        ALL.put("vector", new Signature(List.of(SCALAR), 0, VECTOR));
    }

    private Functions() {
    }

    static Optional<Signature> get(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
