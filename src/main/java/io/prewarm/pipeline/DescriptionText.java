package io.prewarm.pipeline;

import java.util.Locale;
import java.util.Optional;

/** Number and table-cell formatting of the merge request description: fixed locale, no grouping. */
final class DescriptionText {
    private DescriptionText() {
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String hours(Optional<Double> v) {
        return v.map(DescriptionText::num).orElse("–");
    }

    /** {@code +65.5 (+5.3%)}; the percentage is left out when there is no base to relate to. */
    static String delta(double proposed, double current) {
        double d = proposed - current;
        String abs = (d >= 0 ? "+" : "") + num(d);
        if (current <= 0) {
            return abs;
        }
        return abs + String.format(Locale.ROOT, " (%+.1f%%)", d / current * 100);
    }

    /** Text safe inside a Markdown table cell: one line, pipes escaped. */
    static String cell(String text) {
        return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
    }

    /** {@code -1} means "unchanged" in a scheduled action. */
    static String limit(int v) {
        return v < 0 ? "·" : Integer.toString(v);
    }
}
