package io.prewarm.render.hcl;

import io.prewarm.render.hcl.HclBody.Attribute;
import io.prewarm.render.hcl.HclBody.Blank;
import io.prewarm.render.hcl.HclBody.Block;
import io.prewarm.render.hcl.HclBody.Comment;
import io.prewarm.render.hcl.HclBody.Item;
import io.prewarm.render.hcl.HclExpr.ListExpr;
import io.prewarm.render.hcl.HclExpr.ObjectExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link HclBody} exactly as {@code terraform fmt} (hclwrite) would format it: two spaces per
 * bracket level, {@code =} aligned across consecutive lines that hold a whole one-line assignment
 * (any other line, such as a block header, a closing bracket, a comment or a blank line, ends the run),
 * a blank line around nested blocks, and a single newline at the end of the file.
 */
public final class HclWriter {

    /** One output line: indentation depth, the text before {@code =} and the assigned text (or null). */
    private record Line(int depth, String lead, String assign) {
        static Line blank() {
            return new Line(0, "", null);
        }
    }

    private HclWriter() {
    }

    public static String write(HclBody body) {
        List<Line> lines = new ArrayList<>();
        body(body, 0, lines);
        return format(lines);
    }

    private static void body(HclBody body, int depth, List<Line> out) {
        Item previous = null;
        List<Item> items = body.items();
        for (int index = 0; index < items.size(); index++) {
            Item item = items.get(index);
            if (item instanceof Blank && (index == 0 || index == items.size() - 1)) {
                continue; // a blank line right after "{" or before "}" is noise
            }
            // Blocks are set apart from their neighbours by one blank line (Terraform style guide);
            // explicit blanks are kept but never doubled.
            boolean separate = previous != null && !(previous instanceof Blank) && !(item instanceof Blank)
                    && (item instanceof Block || previous instanceof Block);
            if (separate) {
                out.add(Line.blank());
            }
            if (item instanceof Attribute a) {
                assignment(a.name(), a.value(), depth, out, "");
            } else if (item instanceof Block b) {
                for (String comment : b.comments()) {
                    out.add(commentLine(comment, depth));
                }
                StringBuilder header = new StringBuilder(b.type());
                for (String label : b.labels()) {
                    header.append(' ').append(HclStrings.quote(label));
                }
                if (b.body().isEmpty()) {
                    out.add(new Line(depth, header + " {}", null));
                } else {
                    out.add(new Line(depth, header + " {", null));
                    body(b.body(), depth + 1, out);
                    out.add(new Line(depth, "}", null));
                }
            } else if (item instanceof Comment c) {
                out.add(commentLine(c.text(), depth));
            } else if (item instanceof Blank) {
                if (!out.isEmpty() && !isBlank(out.get(out.size() - 1))) {
                    out.add(Line.blank());
                }
            }
            previous = item;
        }
    }

    private static Line commentLine(String text, int depth) {
        return new Line(depth, text.isEmpty() ? "#" : "# " + text, null);
    }

    private static void assignment(String key, HclExpr value, int depth, List<Line> out, String suffix) {
        if (value.isInline()) {
            out.add(new Line(depth, key, "= " + value.inline() + suffix));
            return;
        }
        out.add(new Line(depth, key + " = " + opener(value), null));
        contents(value, depth + 1, out);
        out.add(new Line(depth, closer(value) + suffix, null));
    }

    private static void element(HclExpr value, int depth, List<Line> out) {
        if (value.isInline()) {
            out.add(new Line(depth, value.inline() + ",", null));
            return;
        }
        out.add(new Line(depth, opener(value), null));
        contents(value, depth + 1, out);
        out.add(new Line(depth, closer(value) + ",", null));
    }

    private static void contents(HclExpr value, int depth, List<Line> out) {
        if (value instanceof ObjectExpr o) {
            for (Map.Entry<String, HclExpr> e : o.items().entrySet()) {
                assignment(ObjectExpr.key(e.getKey()), e.getValue(), depth, out, "");
            }
        } else if (value instanceof ListExpr l) {
            for (HclExpr item : l.items()) {
                element(item, depth, out);
            }
        } else {
            throw new IllegalStateException("rendering expression: literal cannot span lines");
        }
    }

    private static String opener(HclExpr value) {
        return value instanceof ListExpr ? "[" : "{";
    }

    private static String closer(HclExpr value) {
        return value instanceof ListExpr ? "]" : "}";
    }

    private static boolean isBlank(Line line) {
        return line.lead().isEmpty() && line.assign() == null;
    }

    private static String format(List<Line> lines) {
        int[] width = new int[lines.size()];
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean assign = i < lines.size() && lines.get(i).assign() != null;
            if (assign && start < 0) {
                start = i;
            } else if (!assign && start >= 0) {
                int max = 0;
                for (int j = start; j < i; j++) {
                    max = Math.max(max, columns(lines.get(j)));
                }
                for (int j = start; j < i; j++) {
                    width[j] = max;
                }
                start = -1;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (isBlank(line)) {
                sb.append('\n');
                continue;
            }
            sb.append("  ".repeat(line.depth())).append(line.lead());
            if (line.assign() != null) {
                sb.append(" ".repeat(width[i] - columns(line) + 1)).append(line.assign());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Width of the text before {@code =}, indentation included, as hclwrite counts it (in code points). */
    private static int columns(Line line) {
        return 2 * line.depth() + line.lead().codePointCount(0, line.lead().length());
    }
}
