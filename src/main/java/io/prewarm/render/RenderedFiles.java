package io.prewarm.render;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Files rendered for one service, keyed by path relative to the repository root
 * (for example {@code generated/prod/checkout/main.tf}), sorted for determinism.
 */
public record RenderedFiles(SortedMap<String, String> files) {
    public RenderedFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public static RenderedFiles of(Map<String, String> files) {
        return new RenderedFiles(new TreeMap<>(files));
    }

    /** Both sets of files; a path in both is an error (two renderers must never write the same file). */
    public RenderedFiles plus(RenderedFiles other) {
        TreeMap<String, String> all = new TreeMap<>(files);
        for (Map.Entry<String, String> e : other.files().entrySet()) {
            if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("merging rendered files: " + e.getKey() + " rendered twice");
            }
        }
        return new RenderedFiles(all);
    }
}
