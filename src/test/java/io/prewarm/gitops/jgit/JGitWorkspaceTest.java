package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.PublishResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JGitWorkspaceTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final CommitMessage MSG = new CommitMessage("prewarm: plan 2026-11-28 for prod/web", "- prod/web: UPDATED");

    @TempDir
    Path tmp;
    Path remote;

    /** A bare repository with one commit on main, as a GitOps repository starts. */
    @BeforeEach
    void bareRepositoryWithMain() throws Exception {
        remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            Files.createDirectories(seed.resolve("generated/prod/old"));
            Files.writeString(seed.resolve("generated/prod/old/main.tf"), "# old\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private Ref branch(String name) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            return g.getRepository().exactRef("refs/heads/" + name);
        }
    }

    @Test
    void proposesOneCommitOnTopOfTheBaseBranchAndLeavesMainAlone() throws Exception {
        String mainBefore = branch("main").getObjectId().name();
        PublishResult r;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThat(ws.read("README.md")).contains("gitops\n");
            assertThat(ws.list("generated/prod")).containsExactly("generated/prod/old/main.tf");
            r = ws.propose("prewarm/plan-2026-11-28", ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# web\n")), MSG);
        }
        assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
        assertThat(r.changedFiles()).containsExactly("generated/prod/web/main.tf");
        assertThat(branch("main").getObjectId().name()).isEqualTo(mainBefore);
        try (Git g = Git.open(remote.toFile())) {
            RevCommit c = g.getRepository().parseCommit(branch("prewarm/plan-2026-11-28").getObjectId());
            assertThat(c.name()).isEqualTo(r.commit().orElseThrow());
            assertThat(c.getParent(0).name()).isEqualTo(mainBefore);
            assertThat(c.getFullMessage()).startsWith("prewarm: plan 2026-11-28 for prod/web\n\n- prod/web: UPDATED");
            assertThat(c.getAuthorIdent().getName()).isEqualTo("prewarm");
        }
    }

    @Test
    void anEmptyRepositorySaysThatItsBaseBranchNeedsAFirstCommit() throws Exception {
        Path empty = tmp.resolve("empty.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(empty.toFile()).call().close();
        assertThatThrownBy(() -> JGitWorkspace.open(empty.toString(), "main", BOT))
                .isInstanceOf(GitOpsException.class)
                .hasMessage("cloning " + empty + ": the repository has no branch main yet; push a first commit to it "
                        + "(prewarm proposes every change against main, or pass --base-branch)");
    }

    @Test
    void theSameProposalTwiceMakesNoSecondCommit() throws Exception {
        ChangeSet change = ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# web\n"));
        String first;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            first = ws.propose("prewarm/plan-x", change, MSG).commit().orElseThrow();
        }
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            PublishResult again = ws.propose("prewarm/plan-x", change, MSG);
            assertThat(again.status()).isEqualTo(PublishResult.Status.NO_CHANGE);
            assertThat(again.commit()).contains(first);
        }
        assertThat(branch("prewarm/plan-x").getObjectId().name()).isEqualTo(first);
    }

    @Test
    void aChangeEqualToTheBaseIsNoChangeAndPushesNothing() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            PublishResult r = ws.propose("prewarm/plan-y", ChangeSet.writing(Map.of("README.md", "gitops\n")), MSG);
            assertThat(r.status()).isEqualTo(PublishResult.Status.NO_CHANGE);
            assertThat(r.commit()).isEmpty();
        }
        assertThat(branch("prewarm/plan-y")).isNull();
    }

    @Test
    void aNewerPlanReplacesTheBranchWithOneFreshCommitAndDeletesStaleFiles() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            ws.propose("prewarm/plan-z", ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# v1\n")), MSG);
        }
        ChangeSet v2 = ChangeSet.builder().write("generated/prod/web/main.tf", "# v2\n")
                .delete("generated/prod/old/main.tf").build();
        PublishResult r;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            r = ws.propose("prewarm/plan-z", v2, MSG);
        }
        assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
        assertThat(r.changedFiles()).containsExactly("generated/prod/old/main.tf", "generated/prod/web/main.tf");
        try (Git g = Git.open(remote.toFile())) {
            RevCommit c = g.getRepository().parseCommit(branch("prewarm/plan-z").getObjectId());
            assertThat(c.getParent(0).name()).isEqualTo(branch("main").getObjectId().name());
        }
    }

    @Test
    void theDryRunDiffShowsTheChangeAndCommitsNothing() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            String diff = ws.diff(ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# web\n")));
            assertThat(diff).contains("+++ b/generated/prod/web/main.tf").contains("+# web");
        }
        try (Git g = Git.open(remote.toFile())) {
            assertThat(g.branchList().call()).extracting(Ref::getName).containsExactly("refs/heads/main");
        }
    }

    @Test
    void refusesPathsOutsideTheRepository() {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThatThrownBy(() -> ws.propose("b", ChangeSet.writing(Map.of("../escape.tf", "x")), MSG))
                    .isInstanceOf(GitOpsException.class).hasMessageContaining("outside the repository");
            assertThatThrownBy(() -> ws.propose("b", ChangeSet.writing(Map.of(".git/config", "x")), MSG))
                    .isInstanceOf(GitOpsException.class).hasMessageContaining("outside the repository");
        }
    }

    @Test
    void aMissingBaseBranchIsAClearError() {
        assertThatThrownBy(() -> JGitWorkspace.open(remote.toString(), "develop", BOT))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("develop");
    }

    @Test
    void removesItsTemporaryCloneWhenClosed() {
        Path dir;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            dir = ws.dir();
            assertThat(dir).isDirectory();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void credentialsInTheUrlNeverReachMessages() {
        String url = "https://bot:s3cr3t-token@127.0.0.1:1/group/gitops.git";
        assertThat(RepoSpec.redact(url)).isEqualTo("https://127.0.0.1:1/group/gitops.git");
        assertThatThrownBy(() -> JGitWorkspace.open(url, "main", BOT))
                .isInstanceOf(GitOpsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-token").contains("127.0.0.1"));
        assertThat(List.of(RepoSpec.redactMessage("failed https://bot:s3cr3t-token@h/x", url))).noneMatch(s -> s.contains("s3cr3t"));
    }
}
