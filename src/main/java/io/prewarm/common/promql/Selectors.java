package io.prewarm.common.promql;

import java.util.List;
import java.util.regex.Pattern;

/** The checks Prometheus runs on a vector selector: valid regular expressions, a metric name set once, and not all empty. */
final class Selectors {
    /** One label matcher: {@code name op "value"}, with the value unquoted. */
    record Matcher(String name, String op, String value, int start) {
    }

    private Selectors() {
    }

    static void check(int start, String metric, List<Matcher> matchers) {
        boolean nonEmpty = metric != null;
        for (Matcher m : matchers) {
            if (metric != null && m.name().equals("__name__")) {
                throw new PromQlException(start, "metric name must not be set twice: \"" + metric + "\" or \"" + m.value() + "\"");
            }
            nonEmpty |= !matchesEmpty(m);
        }
        if (!nonEmpty) {
            throw new PromQlException(start, "vector selector must contain at least one non-empty matcher");
        }
    }

    private static boolean matchesEmpty(Matcher m) {
        return switch (m.op()) {
            case "=" -> m.value().isEmpty();
            case "!=" -> !m.value().isEmpty();
            case "=~" -> regex(m).matcher("").matches();
            default -> !regex(m).matcher("").matches();
        };
    }

    private static Pattern regex(Matcher m) {
        try {
            return Re2.compile(m.value());
        } catch (IllegalArgumentException e) {
            throw new PromQlException(m.start(), "error parsing regexp: " + e.getMessage());
        }
    }
}
