package io.prewarm.gitops;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Files to change in the GitOps repository: at most one {@link Change} per path, sorted by path, each either a
 * {@link Write} (the file's new content) or a {@link Delete}. Immutable; built with {@link #builder()}, which
 * refuses a path given twice. {@link #plus} lays one set over another (the later one wins a path).
 */
public final class ChangeSet {
    private static final ChangeSet EMPTY = new ChangeSet(new TreeMap<>());

    private final SortedMap<String, Change> byPath;

    private ChangeSet(TreeMap<String, Change> byPath) {
        this.byPath = Collections.unmodifiableSortedMap(byPath);
    }

    /** One file's change, by repository-relative path ({@code generated/prod/web/main.tf}). */
    public sealed interface Change permits Write, Delete {
        /** The repository-relative path. */
        String path();

        /** The file's content after the change; empty when it is deleted. */
        Optional<String> newContent();
    }

    /** Writes {@code content} to {@code path}, creating or replacing the file. */
    public record Write(String path, String content) implements Change {
        public Write {
            check("writing", path);
            if (content == null) {
                throw new IllegalArgumentException("writing " + path + ": content is null; a Delete removes a file");
            }
        }

        @Override
        public Optional<String> newContent() {
            return Optional.of(content);
        }
    }

    /** Deletes {@code path} (nothing happens where there is no such file). */
    public record Delete(String path) implements Change {
        public Delete {
            check("deleting", path);
        }

        @Override
        public Optional<String> newContent() {
            return Optional.empty();
        }
    }

    /** A relative path of plain names: not empty, no leading '/', no backslash, no empty, '.' or '..' part. */
    private static void check(String gerund, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(gerund + " a file: the path is missing");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            throw new UnsafePathException(gerund + " " + path + ": path is outside the repository (not a relative "
                    + "path with '/' separators)");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new UnsafePathException(gerund + " " + path + ": path is outside the repository or not plain "
                        + "(an empty, '.' or '..' part)");
            }
        }
    }

    public static ChangeSet empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A write of every file of {@code files} (path to content). */
    public static ChangeSet writing(Map<String, String> files) {
        return builder().writeAll(files).build();
    }

    /** Every change, sorted by path. */
    public List<Change> entries() {
        return List.copyOf(byPath.values());
    }

    /** The changed paths, sorted. */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    /** The change of {@code path}; empty when this set leaves it alone. */
    public Optional<Change> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public boolean contains(String path) {
        return byPath.containsKey(path);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    public int size() {
        return byPath.size();
    }

    /** This set with {@code over} laid on top: where both change a path, {@code over}'s change is kept. */
    public ChangeSet plus(ChangeSet over) {
        if (over.isEmpty()) {
            return this;
        }
        TreeMap<String, Change> out = new TreeMap<>(byPath);
        out.putAll(over.byPath);
        return new ChangeSet(out);
    }

    /** This set without the changes whose path matches {@code path}. */
    public ChangeSet without(Predicate<String> path) {
        TreeMap<String, Change> out = new TreeMap<>(byPath);
        out.keySet().removeIf(path);
        return out.size() == byPath.size() ? this : new ChangeSet(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeSet c && c.byPath.equals(byPath);
    }

    @Override
    public int hashCode() {
        return byPath.hashCode();
    }

    @Override
    public String toString() {
        return "ChangeSet" + byPath.values();
    }

    /** Collects changes; a path given twice is refused. */
    public static final class Builder {
        private final TreeMap<String, Change> byPath = new TreeMap<>();

        private Builder() {
        }

        public Builder write(String path, String content) {
            return add(new Write(path, content));
        }

        /** A write of every file of {@code files} (path to content). */
        public Builder writeAll(Map<String, String> files) {
            files.forEach(this::write);
            return this;
        }

        public Builder delete(String path) {
            return add(new Delete(path));
        }

        /** A write of {@code content}, or a delete when it is empty. */
        public Builder put(String path, Optional<String> content) {
            return add(content.<Change>map(c -> new Write(path, c)).orElseGet(() -> new Delete(path)));
        }

        public Builder add(Change change) {
            Change before = byPath.putIfAbsent(change.path(), change);
            if (before != null) {
                throw new IllegalArgumentException("building a change set: " + change.path() + " is changed twice ("
                        + kind(before) + " and " + kind(change) + ")");
            }
            return this;
        }

        /** Every change of {@code changes}; a path this builder already holds is refused. */
        public Builder addAll(ChangeSet changes) {
            changes.byPath.values().forEach(this::add);
            return this;
        }

        public ChangeSet build() {
            return byPath.isEmpty() ? EMPTY : new ChangeSet(new TreeMap<>(byPath));
        }

        private static String kind(Change c) {
            return c instanceof Write ? "write" : "delete";
        }
    }
}
