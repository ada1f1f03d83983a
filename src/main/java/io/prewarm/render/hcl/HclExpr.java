package io.prewarm.render.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HCL expression as prewarm emits it: literals, references, function calls, lists and objects.
 * Only values built here reach the writer, so every string coming from a policy passes through
 * {@link HclStrings#quote(String)} and cannot break out of its quotes or start a template.
 */
public sealed interface HclExpr {

    /** A reference such as {@code var.autoscaling_group_name} or {@code aws_autoscaling_policy.up.arn}. */
    Pattern TRAVERSAL = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[0-9]+])*");

    static HclExpr string(String value) {
        return new Literal(HclStrings.quote(value));
    }

    static HclExpr number(long value) {
        return new Literal(Long.toString(value));
    }

    /** A number without exponent or trailing zeros ({@code 0.6}, {@code 20}), as a reviewer would write it. */
    static HclExpr number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("rendering number: " + value + " is not finite");
        }
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return new Literal(d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString());
    }

    static HclExpr bool(boolean value) {
        return new Literal(Boolean.toString(value));
    }

    static HclExpr ref(String traversal) {
        if (!TRAVERSAL.matcher(traversal).matches()) {
            throw new IllegalArgumentException("rendering reference: '" + traversal + "' is not a traversal");
        }
        return new Literal(traversal);
    }

    /** A function call; arguments are expressions, so strings inside are escaped as well. */
    static HclExpr call(String function, HclExpr... args) {
        if (!function.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rendering function call: bad name '" + function + "'");
        }
        List<String> parts = new ArrayList<>();
        for (HclExpr a : args) {
            if (!a.isInline()) {
                throw new IllegalArgumentException("rendering function call: argument of " + function + " is multi-line");
            }
            parts.add(a.inline());
        }
        return new Literal(function + "(" + String.join(", ", parts) + ")");
    }

    static ListExpr list(List<? extends HclExpr> items) {
        return new ListExpr(List.copyOf(items));
    }

    static ListExpr stringList(List<String> items) {
        return new ListExpr(items.stream().map(HclExpr::string).toList());
    }

    static ObjectExpr object() {
        return new ObjectExpr(new LinkedHashMap<>(), false);
    }

    /** Whether the expression fits on the line of its attribute. */
    boolean isInline();

    /** The single-line text; only for inline expressions. */
    String inline();

    /** A literal token sequence on one line (already escaped). */
    record Literal(String text) implements HclExpr {
        public Literal {
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("rendering literal: contains a newline");
            }
        }

        @Override
        public boolean isInline() {
            return true;
        }

        @Override
        public String inline() {
            return text;
        }
    }

    /** A tuple; inline when every item is inline and it has no objects, otherwise one item per line. */
    record ListExpr(List<HclExpr> items) implements HclExpr {
        @Override
        public boolean isInline() {
            return items.stream().allMatch(i -> i instanceof Literal);
        }

        @Override
        public String inline() {
            List<String> parts = new ArrayList<>();
            for (HclExpr i : items) {
                parts.add(i.inline());
            }
            return "[" + String.join(", ", parts) + "]";
        }
    }

    /**
     * An object constructor with items in insertion order. Multi-line unless marked {@link #compact()}
     * (then {@code { a = 1, b = "x" }} on one line, allowed only for literal values).
     */
    final class ObjectExpr implements HclExpr {
        private final Map<String, HclExpr> items;
        private final boolean compact;

        private ObjectExpr(Map<String, HclExpr> items, boolean compact) {
            this.items = items;
            this.compact = compact;
        }

        /** Adds an item; keys that are not identifiers are written as quoted strings. */
        public ObjectExpr put(String key, HclExpr value) {
            Objects.requireNonNull(value, "value");
            if (items.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("rendering object: duplicate key '" + key + "'");
            }
            return this;
        }

        public ObjectExpr put(String key, String value) {
            return put(key, HclExpr.string(value));
        }

        public ObjectExpr put(String key, long value) {
            return put(key, HclExpr.number(value));
        }

        public ObjectExpr compact() {
            if (!items.values().stream().allMatch(v -> v instanceof Literal)) {
                throw new IllegalArgumentException("rendering object: compact objects take literal values only");
            }
            return new ObjectExpr(items, true);
        }

        public Map<String, HclExpr> items() {
            return java.util.Collections.unmodifiableMap(items);
        }

        @Override
        public boolean isInline() {
            return compact || items.isEmpty();
        }

        @Override
        public String inline() {
            if (items.isEmpty()) {
                return "{}";
            }
            List<String> parts = new ArrayList<>();
            items.forEach((k, v) -> parts.add(key(k) + " = " + v.inline()));
            return "{ " + String.join(", ", parts) + " }";
        }

        static String key(String k) {
            return HclStrings.isIdentifier(k) ? k : HclStrings.quote(k);
        }
    }
}
