package io.prewarm.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI on repositories and policy folders a stranger prepared: links, missing paths, broken files. */
@QuarkusMainTest
class UntrustedRepositoryCommandTest {
    static final PersonIdent ME = new PersonIdent("sre", "sre@example.org");

    @TempDir
    Path tmp;

    /** A bare GitOps repository whose main commits {@code link -> target} (a real symlink entry). */
    private Path repositoryWithLink(String link, Path target) throws Exception {
        Path remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            Path l = seed.resolve(link);
            Files.createDirectories(l.getParent());
            Files.createSymbolicLink(l, target);
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(ME).setCommitter(ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return remote;
    }

    private Path onePolicy() throws Exception {
        Path policies = Files.createDirectories(tmp.resolve("policies"));
        Files.copy(Path.of("policies/search.yaml"), policies.resolve("search.yaml"));
        return policies;
    }

    private static long entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).count();
        }
    }

    private static boolean hasBranches(Path remote) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            return g.getRepository().getRefDatabase().getRefsByPrefix("refs/heads/prewarm/").size() > 0;
        }
    }

    @Test
    void planRefusesASymlinkedGeneratedFolderExitsOneAndWritesNothing(QuarkusMainLauncher launcher) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path remote = repositoryWithLink("generated", outside);
        Path policies = onePolicy();
        for (String mode : new String[] {"commit", "--dry-run"}) {
            LaunchResult r = launcher.launch("plan", "--repo", remote.toString(), "--policies", policies.toString(),
                    "--now", "2026-11-28T00:00:00Z", "--scorecards", "0", "--output", "json",
                    mode.equals("--dry-run") ? "--dry-run" : "--parallelism=1");
            assertThat(r.exitCode()).as(mode + ": " + r.getErrorOutput()).isEqualTo(1);
            // each service stops at reading its files through the link; a commit of the others would be refused whole
            assertThat(r.getOutput() + r.getErrorOutput()).as(mode).contains("\"status\" : \"FAILED\"")
                    .containsPattern("reading generated/prod/search/[a-z]+\\.tf: generated is a symbolic link \\(to "
                            + java.util.regex.Pattern.quote(outside.toString()) + "\\) committed in the repository; "
                            + "prewarm reads only real folders and files, replace it");
            assertThat(entries(outside)).as(mode + ": written outside the clone").isZero();
            assertThat(hasBranches(remote)).as(mode + ": a branch was pushed").isFalse();
        }
    }

    @Test
    void planRefusesTheWholeCommitWhenAnotherFolderUnderGeneratedIsALink(QuarkusMainLauncher launcher) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path remote = repositoryWithLink("generated/prod/legacy", outside);
        LaunchResult r = launcher.launch("plan", "--repo", remote.toString(), "--policies", onePolicy().toString(),
                "--now", "2026-11-28T00:00:00Z", "--scorecards", "0", "--output", "json");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(1);
        assertThat(r.getErrorOutput()).contains("error: writing to " + remote + ": generated/prod/legacy is a symbolic "
                + "link (to " + outside + ") committed in the repository; prewarm refuses links under generated/, "
                + "overrides/, policies/, replace it with a real folder or file");
        assertThat(entries(outside)).isZero();
        assertThat(hasBranches(remote)).isFalse();
    }

    @Test
    void planOnAMissingRepositoryNamesItAndExitsTwo(QuarkusMainLauncher launcher) throws Exception {
        Path missing = tmp.resolve("nonexistent");
        LaunchResult r = launcher.launch("plan", "--repo", missing.toString(), "--policies", onePolicy().toString(),
                "--now", "2026-11-28T00:00:00Z", "--scorecards", "0");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("error: cloning repository " + missing
                + ": no such directory or not a Git repository").doesNotContain("Invalid remote");
    }

    @Test
    void validateRefusesBinaryDuplicatedAndSymlinkedPolicyFilesWithExitTwo(QuarkusMainLauncher launcher)
            throws Exception {
        Path policies = onePolicy();
        Path binary = Files.write(policies.resolve("x.yaml"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0});
        Path twice = Files.writeString(policies.resolve("twice.yaml"),
                Files.readString(Path.of("policies/checkout.yaml")) + "service: search\n");
        Path secret = Files.writeString(tmp.resolve("secret.yaml"), "service: secret\n");
        Path link = Files.createSymbolicLink(policies.resolve("link.yaml"), secret);
        LaunchResult r = launcher.launch("validate", "--policies", policies.toString());
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(2);
        assertThat(r.getErrorOutput())
                .contains("error: " + binary + ": reading policy: not UTF-8 text (byte 0xff at offset 0)")
                .contains("error: " + twice + ": service: is given twice (again at line ")
                .contains("error: " + link + ": reading policy: is a symbolic link (to " + secret + ")")
                .doesNotContain("Input length");
    }
}
