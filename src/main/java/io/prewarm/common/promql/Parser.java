package io.prewarm.common.promql;

import io.prewarm.common.promql.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the grammar of Prometheus's {@code generated_parser.y} (same precedence:
 * {@code or} &lt; {@code and unless} &lt; comparisons &lt; {@code + -} &lt; {@code * / % atan2} &lt; {@code ^}, unary
 * minus binding like {@code *}, range, offset and {@code @} tightest), running the checks of its {@code checkAST}
 * on the way: argument types and counts, modifiers only on selectors, vector matching only between vectors.
 * It keeps no tree; each expression yields what its parent needs to know ({@link Expr}).
 */
final class Parser {
    private static final Set<String> PARAM_AGGREGATORS = Set.of("topk", "bottomk", "count_values", "quantile");
    private static final Set<String> AGGREGATORS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
            "stdvar", "topk", "bottomk", "count_values", "quantile");
    /** Keywords that Prometheus also takes as a metric name where an expression starts. */
    private static final Set<String> METRIC_KEYWORDS = Set.of("by", "without", "offset", "and", "or", "unless",
            "start", "end");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

    enum Shape { VECTOR_SELECTOR, MATRIX_SELECTOR, SUBQUERY, NUMBER, OTHER }

    record Expr(ValueType type, Shape shape, boolean offset, boolean at, int start) {
        Expr with(boolean newOffset, boolean newAt) {
            return new Expr(type, shape, newOffset, newAt, start);
        }
    }

    private final List<Token> tokens;
    private int i;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static ValueType parse(String query) {
        Parser p = new Parser(Lexer.lex(query));
        if (p.peek().is(Kind.EOF)) {
            throw new PromQlException(0, "no expression found in input");
        }
        Expr e = p.expr(0);
        if (!p.peek().is(Kind.EOF)) {
            throw p.unexpected("");
        }
        return e.type();
    }

    private Expr expr(int minPrecedence) {
        Expr left = unary();
        while (true) {
            Token op = peek();
            int prec = precedence(op);
            if (prec < minPrecedence || prec == 0) {
                return left;
            }
            next();
            left = binary(left, op, prec);
        }
    }

    private Expr binary(Expr left, Token op, int prec) {
        String name = op.value();
        boolean bool = false;
        boolean on = false;
        List<String> matching = List.of();
        List<String> include = List.of();
        boolean grouped = false;
        if (peek().isKeyword("bool")) {
            next();
            bool = true;
        }
        if (peek().isKeyword("on") || peek().isKeyword("ignoring")) {
            on = next().value().equals("on");
            matching = groupingLabels();
            if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
                next();
                grouped = true;
                include = peek().is(Kind.LEFT_PAREN) ? groupingLabels() : List.of();
            }
        }
        Expr right = expr(name.equals("^") ? prec : prec + 1);
        ValueType lt = left.type();
        ValueType rt = right.type();
        boolean comparison = COMPARISONS.contains(name);
        boolean set = SET_OPERATORS.contains(name);
        if (bool && !comparison) {
            throw new PromQlException(op.start(), "bool modifier can only be used on comparison operators");
        }
        if (comparison && !bool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw new PromQlException(op.start(), "comparisons between scalars must use BOOL modifier");
        }
        if (on) {
            for (String l : include) {
                if (matching.contains(l)) {
                    throw new PromQlException(op.start(), "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        for (ValueType t : List.of(lt, rt)) {
            if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                throw new PromQlException(left.start(), "binary expression must contain only scalar and instant vector types");
            }
        }
        if ((lt != ValueType.VECTOR || rt != ValueType.VECTOR) && !matching.isEmpty()) {
            throw new PromQlException(left.start(), "vector matching only allowed between instant vectors");
        }
        if (set && lt == ValueType.VECTOR && rt == ValueType.VECTOR && grouped) {
            throw new PromQlException(left.start(), "no grouping allowed for \"" + name + "\" operation");
        }
        if (set && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
            throw new PromQlException(left.start(), "set operator \"" + name + "\" not allowed in binary scalar expression");
        }
        ValueType type = lt == ValueType.SCALAR && rt == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        return new Expr(type, Shape.OTHER, false, false, left.start());
    }

    /** 1 (or) to 6 (^) for a binary operator, 0 for anything else. */
    private static int precedence(Token t) {
        if (t.is(Kind.KEYWORD)) {
            return switch (t.value()) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> 0;
            };
        }
        if (!t.is(Kind.OPERATOR)) {
            return 0;
        }
        return switch (t.text()) {
            case "==", "!=", "<", "<=", ">", ">=" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> 0;
        };
    }

    private Expr unary() {
        Token t = peek();
        if (t.isOperator("-") || t.isOperator("+")) {
            next();
            Expr operand = expr(6);
            if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
                throw new PromQlException(t.start(), "unary expression only allowed on expressions of type scalar or "
                        + "instant vector, got \"" + operand.type() + "\"");
            }
            return new Expr(operand.type(), operand.shape() == Shape.NUMBER ? Shape.NUMBER : Shape.OTHER, false, false,
                    t.start());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is(Kind.LEFT_BRACKET)) {
                e = range(e);
            } else if (t.isKeyword("offset")) {
                next();
                if (peek().isOperator("-")) {
                    next();
                }
                Literals.duration(expect(Kind.DURATION, "offset"));
                requireSelector(e, t, "offset modifier");
                if (e.offset()) {
                    throw new PromQlException(e.start(), "offset may not be set multiple times");
                }
                e = e.with(true, e.at());
            } else if (t.is(Kind.AT)) {
                next();
                at();
                requireSelector(e, t, "@ modifier");
                if (e.at()) {
                    throw new PromQlException(e.start(), "@ <timestamp> may not be set multiple times");
                }
                e = e.with(e.offset(), true);
            } else {
                return e;
            }
        }
    }

    private Expr range(Expr e) {
        Token open = next();
        Literals.duration(expect(Kind.DURATION, "range"));
        if (peek().is(Kind.COLON)) {
            next();
            if (peek().is(Kind.DURATION)) {
                Literals.duration(next());
            }
            expect(Kind.RIGHT_BRACKET, "subquery");
            if (e.type() != ValueType.VECTOR) {
                throw new PromQlException(e.start(), "subquery is only allowed on instant vector, got "
                        + (e.type() == ValueType.MATRIX ? "matrix" : e.type() == ValueType.VECTOR ? "vector" : e.type().toString())
                        + " instead");
            }
            return new Expr(ValueType.MATRIX, Shape.SUBQUERY, false, false, e.start());
        }
        expect(Kind.RIGHT_BRACKET, "range");
        if (e.shape() != Shape.VECTOR_SELECTOR) {
            throw new PromQlException(open.start(), "ranges only allowed for vector selectors");
        }
        if (e.offset()) {
            throw new PromQlException(open.start(), "no offset modifiers allowed before range");
        }
        if (e.at()) {
            throw new PromQlException(open.start(), "no @ modifiers allowed before range");
        }
        return new Expr(ValueType.MATRIX, Shape.MATRIX_SELECTOR, false, false, e.start());
    }

    private void at() {
        Token t = peek();
        if (t.isKeyword("start") || t.isKeyword("end")) {
            next();
            expect(Kind.LEFT_PAREN, "@");
            expect(Kind.RIGHT_PAREN, "@");
            return;
        }
        boolean negative = false;
        if (t.isOperator("-") || t.isOperator("+")) {
            negative = next().text().equals("-");
        }
        Token n = peek();
        if (!n.is(Kind.NUMBER)) {
            throw unexpected(" in @, expected timestamp");
        }
        next();
        double ts = Literals.number(n) * (negative ? -1 : 1);
        if (Double.isNaN(ts) || Double.isInfinite(ts) || Math.abs(ts) >= 9.223372036854775807e18) {
            throw new PromQlException(n.start(), "timestamp out of bounds for @ modifier: " + n.text());
        }
    }

    private static void requireSelector(Expr e, Token t, String what) {
        if (e.shape() != Shape.VECTOR_SELECTOR && e.shape() != Shape.MATRIX_SELECTOR && e.shape() != Shape.SUBQUERY) {
            throw new PromQlException(t.start(), what + " must be preceded by an instant vector selector or range "
                    + "vector selector or a subquery");
        }
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                next();
                Literals.number(t);
                return new Expr(ValueType.SCALAR, Shape.NUMBER, false, false, t.start());
            }
            case STRING -> {
                next();
                return new Expr(ValueType.STRING, Shape.OTHER, false, false, t.start());
            }
            case LEFT_PAREN -> {
                next();
                Expr inner = expr(0);
                expect(Kind.RIGHT_PAREN, "paren expression");
                return new Expr(inner.type(), Shape.OTHER, false, false, t.start());
            }
            case LEFT_BRACE, METRIC_IDENTIFIER -> {
                return selector();
            }
            case IDENTIFIER -> {
                return peek(1).is(Kind.LEFT_PAREN) ? call() : selector();
            }
            case KEYWORD -> {
                Token after = peek(1);
                if (AGGREGATORS.contains(t.value()) && (after.is(Kind.LEFT_PAREN) || after.isKeyword("by")
                        || after.isKeyword("without"))) {
                    return aggregation();
                }
                if (AGGREGATORS.contains(t.value()) || METRIC_KEYWORDS.contains(t.value())) {
                    return selector();
                }
                throw unexpected("");
            }
            default -> throw unexpected("");
        }
    }

    private Expr selector() {
        Token first = peek();
        String name = first.is(Kind.LEFT_BRACE) ? null : next().text();
        List<Selectors.Matcher> matchers = peek().is(Kind.LEFT_BRACE) ? matchers() : List.of();
        Selectors.check(first.start(), name, matchers);
        return new Expr(ValueType.VECTOR, Shape.VECTOR_SELECTOR, false, false, first.start());
    }

    private List<Selectors.Matcher> matchers() {
        next();
        List<Selectors.Matcher> out = new ArrayList<>();
        while (!peek().is(Kind.RIGHT_BRACE)) {
            if (!peek().is(Kind.IDENTIFIER)) {
                throw unexpected(" in label matching, expected identifier or \"}\"");
            }
            Token label = next();
            Token op = peek();
            if (!op.is(Kind.OPERATOR) || !Set.of("=", "!=", "=~", "!~").contains(op.text())) {
                throw unexpected(" in label matching, expected label matching operator");
            }
            next();
            if (!peek().is(Kind.STRING)) {
                throw unexpected(" in label matching, expected string");
            }
            out.add(new Selectors.Matcher(label.text(), op.text(), next().value(), label.start()));
            commaOrEnd(Kind.RIGHT_BRACE, "label matching", "}");
        }
        next();
        return out;
    }

    private Expr call() {
        Token name = next();
        Functions.Signature sig = Functions.get(name.text()).orElseThrow(() ->
                new PromQlException(name.start(), "unknown function with name \"" + name.text() + "\""));
        List<Expr> args = arguments();
        int fixed = sig.args().size();
        String fn = "\"" + name.text() + "\"";
        if (sig.variadic() == 0 && args.size() != fixed) {
            throw new PromQlException(name.start(), "expected " + fixed + " argument(s) in call to " + fn + ", got " + args.size());
        }
        if (sig.variadic() != 0 && args.size() < fixed - 1) {
            throw new PromQlException(name.start(), "expected at least " + (fixed - 1) + " argument(s) in call to " + fn
                    + ", got " + args.size());
        }
        if (sig.variadic() > 0 && args.size() > fixed - 1 + sig.variadic()) {
            throw new PromQlException(name.start(), "expected at most " + (fixed - 1 + sig.variadic())
                    + " argument(s) in call to " + fn + ", got " + args.size());
        }
        for (int a = 0; a < args.size(); a++) {
            ValueType want = sig.args().get(Math.min(a, fixed - 1));
            if (args.get(a).type() != want) {
                throw new PromQlException(args.get(a).start(), "expected type " + want + " in call to function " + fn
                        + ", got " + args.get(a).type());
            }
        }
        return new Expr(sig.returns(), Shape.OTHER, false, false, name.start());
    }

    private Expr aggregation() {
        Token op = next();
        boolean modified = false;
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            next();
            groupingLabels();
            modified = true;
        }
        if (!peek().is(Kind.LEFT_PAREN)) {
            throw unexpected(" in aggregation, expected \"(\"");
        }
        List<Expr> args = arguments();
        if (!modified && (peek().isKeyword("by") || peek().isKeyword("without"))) {
            next();
            groupingLabels();
        }
        if (args.isEmpty()) {
            throw new PromQlException(op.start(), "no arguments for aggregate expression provided");
        }
        boolean param = PARAM_AGGREGATORS.contains(op.value());
        int want = param ? 2 : 1;
        if (args.size() != want) {
            throw new PromQlException(op.start(), "wrong number of arguments for aggregate expression provided, expected "
                    + want + ", got " + args.size());
        }
        Expr body = args.get(args.size() - 1);
        if (body.type() != ValueType.VECTOR) {
            throw new PromQlException(body.start(), "expected type instant vector in aggregation expression, got " + body.type());
        }
        if (param) {
            ValueType p = op.value().equals("count_values") ? ValueType.STRING : ValueType.SCALAR;
            if (args.get(0).type() != p) {
                throw new PromQlException(args.get(0).start(), "expected type " + p + " in aggregation parameter, got "
                        + args.get(0).type());
            }
        }
        return new Expr(ValueType.VECTOR, Shape.OTHER, false, false, op.start());
    }

    private List<Expr> arguments() {
        expect(Kind.LEFT_PAREN, "function call");
        List<Expr> args = new ArrayList<>();
        if (peek().is(Kind.RIGHT_PAREN)) {
            next();
            return args;
        }
        while (true) {
            args.add(expr(0));
            if (peek().is(Kind.RIGHT_PAREN)) {
                next();
                return args;
            }
            Token comma = expect(Kind.COMMA, "function call args");
            if (peek().is(Kind.RIGHT_PAREN)) {
                throw new PromQlException(comma.start(), "trailing commas not allowed in function call args");
            }
        }
    }

    private List<String> groupingLabels() {
        expect(Kind.LEFT_PAREN, "grouping opts");
        List<String> labels = new ArrayList<>();
        while (!peek().is(Kind.RIGHT_PAREN)) {
            Token l = peek();
            if (!l.is(Kind.IDENTIFIER) && !l.is(Kind.KEYWORD)) {
                throw unexpected(" in grouping opts, expected label");
            }
            labels.add(next().text());
            commaOrEnd(Kind.RIGHT_PAREN, "grouping opts", ")");
        }
        next();
        return labels;
    }

    private Token expect(Kind kind, String context) {
        if (!peek().is(kind)) {
            throw unexpected(" in " + context);
        }
        return next();
    }

    /** After an item of a list: consumes the comma before the next item, or leaves the closing token. */
    private void commaOrEnd(Kind close, String context, String closeText) {
        if (peek().is(Kind.COMMA)) {
            next();
        } else if (!peek().is(close)) {
            throw unexpected(" in " + context + ", expected \",\" or \"" + closeText + "\"");
        }
    }

    private PromQlException unexpected(String context) {
        Token t = peek();
        return new PromQlException(t.start(), "unexpected " + t.describe() + context);
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(i < tokens.size() - 1 ? i++ : i);
    }
}
