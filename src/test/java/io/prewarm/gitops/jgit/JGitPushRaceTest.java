package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.PublishResult;
import io.prewarm.gitops.Secret;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Someone pushes the proposal branch first: against real bare repositories on disk. */
class JGitPushRaceTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final String BRANCH = "prewarm/plan-2026-11-28";
    static final CommitMessage MSG = new CommitMessage("prewarm: plan 2026-11-28 for prod/web", "- prod/web: UPDATED");

    @TempDir
    Path tmp;
    Path remote;

    @BeforeEach
    void bareRepositoryWithMain() throws Exception {
        remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private ObjectId head(String branch) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            Ref r = g.getRepository().exactRef("refs/heads/" + branch);
            return r == null ? null : r.getObjectId();
        }
    }

    /** Another writer's whole proposal, pushed straight to the remote. */
    private void someoneElseProposes(String content) {
        try (JGitWorkspace other = JGitWorkspace.open(remote.toString(), "main", new PersonIdent("other", "o@x"))) {
            other.propose(BRANCH, ChangeSet.writing(Map.of("generated/prod/web/main.tf", content)), MSG);
        }
    }

    private void assertOneCleanCommitOnMain(ObjectId tip, String expectedContent) throws Exception {
        try (Git g = Git.open(remote.toFile()); RevWalk walk = new RevWalk(g.getRepository())) {
            RevCommit c = walk.parseCommit(tip);
            assertThat(c.getParentCount()).isEqualTo(1);
            assertThat(c.getParent(0).getId()).isEqualTo(head("main"));
            try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(g.getRepository(), "generated/prod/web/main.tf",
                    c.getTree())) {
                assertThat(new String(g.getRepository().open(tw.getObjectId(0)).getBytes())).isEqualTo(expectedContent);
            }
        }
    }

    @Test
    void aPushRejectedBecauseSomeoneMovedTheBranchIsFetchedAndRetriedIntoOneCleanCommit() throws Exception {
        PublishResult r;
        List<Integer> attempts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT).onPushRetry(retries::incrementAndGet)) {
            ws.beforePush = attempt -> {
                attempts.add(attempt);
                if (attempt == 1) {
                    someoneElseProposes("# theirs\n"); // lands between our look at the branch and our push
                }
            };
            r = ws.propose(BRANCH, ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# ours\n")), MSG);
        }
        assertThat(attempts).containsExactly(1, 2);
        assertThat(retries.get()).as("one rejected push retried, told to telemetry").isEqualTo(1);
        assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
        assertThat(head(BRANCH).name()).isEqualTo(r.commit().orElseThrow());
        assertOneCleanCommitOnMain(head(BRANCH), "# ours\n");
    }

    @Test
    void whenTheOtherWriterPushedTheSameChangeThereIsNothingToPush() throws Exception {
        PublishResult r;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            ws.beforePush = attempt -> {
                if (attempt == 1) {
                    someoneElseProposes("# same\n");
                }
            };
            r = ws.propose(BRANCH, ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# same\n")), MSG);
        }
        assertThat(r.status()).isEqualTo(PublishResult.Status.NO_CHANGE);
        assertThat(r.commit()).contains(head(BRANCH).name());
    }

    @Test
    void retriesAreBoundedAndTheErrorSaysWhy() {
        java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT, GitCredentials.none(), 2)
                .onPushRetry(retries::incrementAndGet)) {
            ws.beforePush = attempt -> someoneElseProposes("# theirs " + attempt + "\n");
            assertThatThrownBy(() -> ws.propose(BRANCH, ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# ours\n")), MSG))
                    .isInstanceOf(GitOpsException.class)
                    .hasMessageStartingWith("pushing branch " + BRANCH + " to " + remote + ": rejected")
                    .hasMessageEndingWith("after 2 attempts");
        }
        assertThat(retries.get()).as("two attempts are one retry").isEqualTo(1);
    }

    @Test
    void concurrentPushesToTheSameBranchAllSucceedAndLeaveOneCleanCommit() throws Exception {
        int writers = 4;
        CyclicBarrier together = new CyclicBarrier(writers);
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<PublishResult>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String content = "# writer " + i + "\n";
            results.add(pool.submit(() -> {
                try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT, GitCredentials.none(), 6)) {
                    ws.beforePush = attempt -> {
                        pushes.incrementAndGet();
                        if (attempt == 1) {
                            await(together);
                        }
                    };
                    return ws.propose(BRANCH, ChangeSet.writing(Map.of("generated/prod/web/main.tf", content)), MSG);
                }
            }));
        }
        List<String> pushed = new ArrayList<>();
        for (Future<PublishResult> f : results) {
            PublishResult r = f.get(120, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
            pushed.add(r.commit().orElseThrow());
        }
        pool.shutdown();
        ObjectId tip = head(BRANCH);
        assertThat(pushed).contains(tip.name());
        int winner = pushed.indexOf(tip.name());
        assertThat(pushes.get()).as("all started from the same branch state, so some were rejected and retried")
                .isGreaterThan(writers);
        assertOneCleanCommitOnMain(tip, "# writer " + winner + "\n");
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anHttpsTokenNeverReachesMessagesOrText() {
        GitCredentials creds = new GitCredentials("oauth2", Optional.of(Secret.of("glpat-n0t-f0r-y0ur-eyes")),
                Optional.empty(), Optional.empty());
        assertThat(creds.toString()).doesNotContain("glpat-n0t-f0r-y0ur-eyes").contains("***");
        assertThatThrownBy(() -> JGitWorkspace.open("https://127.0.0.1:1/group/gitops.git", "main", BOT, creds, 1))
                .isInstanceOf(GitOpsException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("glpat-n0t-f0r-y0ur-eyes")
                        .startsWith("cloning https://127.0.0.1:1/group/gitops.git: "));
    }

    @Test
    void aMissingSshKeyFileIsAClearConfigurationError() {
        assertThatThrownBy(() -> new GitCredentials("oauth2", Optional.empty(), Optional.of(tmp.resolve("id_ed25519")),
                Optional.empty())).hasMessageContaining("prewarm.gitops.ssh-key-file").hasMessageContaining("id_ed25519");
    }
}
