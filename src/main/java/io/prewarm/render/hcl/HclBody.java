package io.prewarm.render.hcl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The body of an HCL file or block: attributes, nested blocks, comments and blank lines in the order
 * they are added. {@link HclWriter} turns it into text.
 */
public final class HclBody {

    /** One item of a body. */
    public sealed interface Item permits Attribute, Block, Comment, Blank {
    }

    /** {@code name = value}. */
    public record Attribute(String name, HclExpr value) implements Item {
        public Attribute {
            if (!HclStrings.isIdentifier(name)) {
                throw new IllegalArgumentException("rendering attribute: '" + name + "' is not an identifier");
            }
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code type "label" ... { body }}, with {@code #} comment lines kept directly above it. */
    public record Block(List<String> comments, String type, List<String> labels, HclBody body) implements Item {
        public Block {
            comments = comments.stream().map(HclStrings::commentText).toList();
            if (!HclStrings.isIdentifier(type)) {
                throw new IllegalArgumentException("rendering block: '" + type + "' is not an identifier");
            }
            labels = List.copyOf(labels);
            Objects.requireNonNull(body, "body");
        }
    }

    /** A {@code #} comment line. */
    public record Comment(String text) implements Item {
        public Comment {
            text = HclStrings.commentText(text);
        }
    }

    /** An explicit blank line (breaks the alignment of {@code =}, as in terraform fmt). */
    public record Blank() implements Item {
    }

    private final List<Item> items = new ArrayList<>();

    public HclBody attribute(String name, HclExpr value) {
        items.add(new Attribute(name, value));
        return this;
    }

    public HclBody attribute(String name, String value) {
        return attribute(name, HclExpr.string(value));
    }

    public HclBody attribute(String name, long value) {
        return attribute(name, HclExpr.number(value));
    }

    public HclBody attribute(String name, boolean value) {
        return attribute(name, HclExpr.bool(value));
    }

    /** Adds a nested block and returns its body for filling. */
    public HclBody block(String type, String... labels) {
        return commentedBlock(List.of(), type, labels);
    }

    /** Adds a nested block preceded by comment lines (one line each) and returns its body. */
    public HclBody commentedBlock(List<String> comments, String type, String... labels) {
        HclBody body = new HclBody();
        items.add(new Block(comments, type, List.of(labels), body));
        return body;
    }

    public HclBody comment(String text) {
        items.add(new Comment(text));
        return this;
    }

    public HclBody blank() {
        items.add(new Blank());
        return this;
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
