package io.prewarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InitCommandTest {

    private record Run(int code, String err) {
    }

    private static Run init(String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new InitCommand()).setExecutionExceptionHandler(new ExitCodes())
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(code, err.toString());
    }

    private static List<String> tree(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !p.startsWith(dir.resolve(".git"))).filter(Files::isRegularFile)
                    .forEach(p -> out.add(dir.relativize(p).toString()));
        }
        out.sort(null);
        return out;
    }

    @Test
    void scaffoldsTheRepositoryCommittedOnMainWithCiPinnedToThisVersion(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("gitops");
        Run r = init(repo.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(tree(repo)).containsExactly(".gitlab-ci.yml", ".gitlab/prewarm.yml", "README.md",
                "generated/README.md", "overrides/README.md", "policies/billing.yaml", "policies/catalog.yaml",
                "policies/checkout.yaml", "policies/reports.yaml", "policies/schema.json", "policies/search.yaml");
        String version = Scaffold.version();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        String ci = Files.readString(repo.resolve(".gitlab-ci.yml"));
        JsonNode yaml = new YAMLMapper().readTree(ci);
        JsonNode include = yaml.path("include").get(0);
        assertThat(include.path("local").asText()).isEqualTo(".gitlab/prewarm.yml");
        assertThat(include.path("inputs").path("prewarm_image").asText())
                .isEqualTo("$PREWARM_REGISTRY/prewarm:" + version);
        assertThat(yaml.path("variables").path("PREWARM_REGISTRY").asText()).isEqualTo("registry.example.com");
        String component = Files.readString(repo.resolve(".gitlab/prewarm.yml"));
        for (String text : List.of(ci, component)) {
            assertThat(text).doesNotContainIgnoringCase("maven").doesNotContain("mvnw").doesNotContain("java -jar")
                    .doesNotContain(Scaffold.VERSION_TOKEN);
        }
        assertThat(Files.readString(repo.resolve("README.md"))).contains("prewarm:" + version)
                .contains("PREWARM_GITLAB_TOKEN").contains("PREWARM_METRICS_URL").contains("docker run");
        try (Git g = Git.open(repo.toFile())) {
            assertThat(g.getRepository().getBranch()).isEqualTo("main");
            assertThat(g.status().call().isClean()).isTrue();
            List<RevCommit> log = new ArrayList<>();
            g.log().call().forEach(log::add);
            assertThat(log).hasSize(1);
            assertThat(log.get(0).getFullMessage()).startsWith("prewarm init " + version);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("gitops"); // no temporary folder left
        }
    }

    @Test
    void theVendoredComponentIsTheTemplateByteForByte(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("gitops");
        assertThat(init(repo.toString(), "--no-git").code()).isZero();
        assertThat(Files.readAllBytes(repo.resolve(".gitlab/prewarm.yml")))
                .isEqualTo(Files.readAllBytes(Path.of("templates/prewarm.yml")));
        for (String p : List.of("checkout", "catalog", "search", "reports", "billing")) {
            assertThat(Files.readAllBytes(repo.resolve("policies/" + p + ".yaml")))
                    .isEqualTo(Files.readAllBytes(Path.of("policies/" + p + ".yaml")));
        }
        assertThat(repo.resolve(".git")).doesNotExist();
    }

    @Test
    void aNonEmptyFolderIsRefusedWithExitTwoAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("gitops"));
        Files.writeString(repo.resolve("notes.txt"), "mine\n");

        Run r = init(repo.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: scaffolding " + repo + ": the folder is not empty; choose an empty or "
                + "new folder, or pass --force to write into it" + System.lineSeparator());
        assertThat(tree(repo)).containsExactly("notes.txt");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void forceWritesIntoANonEmptyFolderAndKeepsOtherFiles(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("gitops"));
        Files.writeString(repo.resolve("notes.txt"), "mine\n");

        Run r = init(repo.toString(), "--force");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(tree(repo)).contains("notes.txt", ".gitlab-ci.yml", "policies/checkout.yaml");
        assertThat(repo.resolve(".git")).isDirectory();
    }

    @Test
    void aSymlinkedPoliciesFolderIsRefusedEvenWithForceAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path repo = Files.createDirectories(tmp.resolve("gitops"));
        Files.createSymbolicLink(repo.resolve("policies"), elsewhere);

        Run r = init(repo.toString(), "--force");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("policies is a symbolic link; prewarm init never follows links");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s).isEmpty();
        }
        try (Stream<Path> s = Files.list(repo)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("policies");
        }
    }

    @Test
    void aSymlinkAsTheTargetFolderIsRefused(@TempDir Path tmp) throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("gitops"), elsewhere);

        Run r = init(link.toString(), "--force");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a symbolic link");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aFolderWhereAFileGoesIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("gitops/README.md"));

        Run r = init(tmp.resolve("gitops").toString(), "--force");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("README.md is a folder");
        assertThat(tree(tmp.resolve("gitops"))).isEmpty();
        assertThat(Files.readString(Path.of("templates/prewarm.yml"), StandardCharsets.UTF_8)).isNotEmpty();
        assertThat(repo).isDirectory();
    }
}
