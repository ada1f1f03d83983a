package io.prewarm.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares rendered files with {@code src/test/resources/golden/<case>/}. Run with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
public final class GoldenFiles {
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    public static void assertMatches(String goldenCase, RenderedFiles rendered) {
        Path dir = ROOT.resolve(goldenCase);
        try {
            if (Boolean.getBoolean("golden.update")) {
                if (Files.exists(dir)) {
                    try (Stream<Path> old = Files.walk(dir)) {
                        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                write(rendered, dir);
            }
            Map<String, String> expected = new TreeMap<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    expected.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            assertThat(rendered.files().keySet()).as("rendered file names of " + goldenCase)
                    .containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(rendered.files().get(e.getKey())).as("golden " + goldenCase + "/" + e.getKey())
                        .isEqualTo(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the files under {@code dir}, keeping their relative paths. */
    public static void write(RenderedFiles rendered, Path dir) {
        try {
            for (Map.Entry<String, String> e : rendered.files().entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
