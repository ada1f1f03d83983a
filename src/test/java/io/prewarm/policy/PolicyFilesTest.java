package io.prewarm.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy files a stranger could commit: duplicate keys, huge or deep files, binary files, symbolic links. */
class PolicyFilesTest {
    final PolicyLoader loader = new PolicyLoader(Set.of("US", "DE", "JP"));

    @TempDir
    Path tmp;

    private Path policies() throws IOException {
        return Files.createDirectories(tmp.resolve("policies"));
    }

    private static String problems(PolicyLoader loader, Path dir) {
        try {
            loader.loadAll(dir);
        } catch (PolicyException e) {
            return String.join("\n", e.problems().stream().map(PolicyProblem::toString).toList());
        }
        throw new AssertionError("no problem reported for " + dir);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingFileFieldAndLine() throws IOException {
        Path dir = policies();
        Path p = Files.writeString(dir.resolve("web.yaml"), PolicyLoaderTest.VALID + "service: search\n");
        assertThat(problems(loader, dir)).isEqualTo(p + ": service: is given twice (again at line 7); "
                + "a key may appear only once");
    }

    @Test
    void aNestedKeyGivenTwiceIsNamedWithItsPath() throws IOException {
        Path dir = policies();
        Path p = Files.writeString(dir.resolve("web.yaml"), PolicyLoaderTest.VALID
                .replace("capacity: {perInstance: 100, min: 2, max: 40}", "capacity:\n  perInstance: 100\n  min: 2\n"
                        + "  max: 40\n  max: 400\n"));
        assertThat(problems(loader, dir)).startsWith(p + ": capacity.max: is given twice (again at line 10)");
    }

    @Test
    void aPolicyFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws IOException {
        Path dir = policies();
        Path p = dir.resolve("huge.yaml");
        Files.writeString(p, PolicyLoaderTest.VALID + "# " + "x".repeat(5 * 1024 * 1024) + "\n");
        long t0 = System.nanoTime();
        String out = problems(loader, dir);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(1.0);
        assertThat(out).isEqualTo(p + ": reading policy: " + Files.size(p) + " bytes is over the limit of 262144 "
                + "bytes (256 KiB) for one policy file");
    }

    @Test
    void aSmallButDeeplyNestedPolicyIsRefused() throws IOException {
        Path dir = policies();
        Path p = Files.writeString(dir.resolve("deep.yaml"), PolicyLoaderTest.VALID + "rules: "
                + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
        assertThat(Files.size(p)).isLessThan(PolicyFiles.MAX_BYTES);
        assertThat(problems(loader, dir)).startsWith(p + ": is not valid YAML").contains("nesting depth");
    }

    @Test
    void billionLaughsIsRefusedQuickly() throws IOException {
        StringBuilder yaml = new StringBuilder(PolicyLoaderTest.VALID).append("rules:\n  a: &a [lol, lol, lol, lol]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
            prev = c;
        }
        Path dir = policies();
        Path p = Files.writeString(dir.resolve("lol.yaml"), yaml);
        long t0 = System.nanoTime();
        String out = problems(loader, dir);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(2.0);
        assertThat(out).startsWith(p + ": rules.");
    }

    @Test
    void aBinaryPolicyFileNamesTheFirstByteThatIsNotUtf8() throws IOException {
        Path dir = policies();
        Path p = Files.write(dir.resolve("x.yaml"), new byte[] {'s', 'e', (byte) 0x89, 'P', 'N', 'G', 0, 1});
        assertThat(problems(loader, dir)).isEqualTo(p + ": reading policy: not UTF-8 text (byte 0x89 at offset 2)");
    }

    @Test
    void aSymlinkedPolicyFileIsRefusedAndTheFileItPointsToIsNotRead() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), PolicyLoaderTest.VALID);
        Path dir = policies();
        Files.writeString(dir.resolve("a.yaml"), PolicyLoaderTest.VALID.replace("service: web", "service: a"));
        Path link = Files.createSymbolicLink(dir.resolve("web.yaml"), outside);
        Path folder = Files.createSymbolicLink(dir.resolve("more"), tmp);
        assertThat(problems(loader, dir)).isEqualTo(String.join("\n",
                folder + ": reading policy: is a symbolic link (to " + tmp + "); prewarm reads only real files "
                        + "and folders inside " + dir,
                link + ": reading policy: is a symbolic link (to " + outside + "); prewarm reads only real files "
                        + "and folders inside " + dir));
    }

    @Test
    void aFolderOfOnlyASymlinkIsRefusedForTheLinkNotAsEmpty() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), PolicyLoaderTest.VALID);
        Path dir = policies();
        Files.createSymbolicLink(dir.resolve("web.yaml"), outside);
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("is a symbolic link").hasMessageNotContaining("contains no policy files");
    }
}
