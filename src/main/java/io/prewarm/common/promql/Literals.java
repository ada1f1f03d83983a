package io.prewarm.common.promql;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Number and duration literals, accepted as Go's {@code strconv} and Prometheus's {@code model.ParseDuration} accept them. */
final class Literals {
    private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private Literals() {
    }

    static double number(Token t) {
        String s = t.text();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            String hex = s.substring(2);
            if (!hex.isEmpty() && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                BigInteger v = new BigInteger(hex, 16);
                if (v.bitLength() < 64) {
                    return v.doubleValue();
                }
            }
            throw new PromQlException(t.start(), "error parsing number: \"" + s + "\" is not a valid number");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new PromQlException(t.start(), "error parsing number: \"" + s + "\" is not a valid number");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new PromQlException(t.start(), "error parsing number: \"" + s + "\" is out of range");
        }
        return v;
    }

    /** The duration in milliseconds; it must be valid and greater than zero. */
    static long duration(Token t) {
        Matcher m = DURATION.matcher(t.text());
        if (t.text().isEmpty() || !m.matches()) {
            throw new PromQlException(t.start(), "not a valid duration string: \"" + t.text() + "\"");
        }
        long total = 0;
        try {
            for (int g = 1; g <= 7; g++) {
                if (m.group(g) != null) {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(g)), UNIT_MS[g - 1]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new PromQlException(t.start(), "duration out of range: \"" + t.text() + "\"");
        }
        if (total <= 0) {
            throw new PromQlException(t.start(), "duration must be greater than 0");
        }
        return total;
    }
}
