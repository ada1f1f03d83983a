package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.PublishResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Straight-to-base commits of the long-lived serve clone, against real repositories on disk. */
class CommitToBaseTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");

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

    /** Another writer (a second replica, the plan job) commits a file on main. */
    private void foreignCommit(String name) throws Exception {
        Path other = Files.createTempDirectory(tmp, "other");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(other.toFile()).call()) {
            Files.writeString(other.resolve(name), name + "\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("foreign " + name).setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private List<RevCommit> log() throws Exception {
        List<RevCommit> out = new ArrayList<>();
        try (Git g = Git.open(remote.toFile())) {
            g.log().call().forEach(out::add);
        }
        return out;
    }

    @Test
    void commitsOnTopOfTheNewestHeadAndSeesOthersWrites() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            foreignCommit("a.txt");
            GitWorkspace.BaseSnapshot snap = ws.fetchBase();
            assertThat(snap.read("a.txt")).contains("a.txt\n");
            PublishResult r = ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(
                    ChangeSet.writing(Map.of("overrides/prod/web.json", "{}\n")), new CommitMessage("freeze web", "Prewarm-Action-Id: x"))), 3);
            assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
            assertThat(log().get(0).getName()).isEqualTo(r.commit().orElseThrow());
            assertThat(log().get(1).getFullMessage()).startsWith("foreign a.txt");
            assertThat(ws.baseLog(10).get(0).getValue()).contains("Prewarm-Action-Id: x");
        }
    }

    @Test
    void aPushRefusedBecauseAnotherWriterHoldsTheBranchLockIsRetriedAndLands() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            Path lock = remote.resolve("refs/heads/main.lock"); // another process is updating main right now
            Files.createDirectories(lock.getParent());
            Files.writeString(lock, "");
            AtomicInteger asked = new AtomicInteger();
            AtomicInteger retried = new AtomicInteger();
            ws.onPushRetry(retried::incrementAndGet);
            Thread release = new Thread(() -> {
                try {
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (retried.get() < 1 && System.nanoTime() < until) {
                        Thread.sleep(5);
                    }
                    Files.delete(lock);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            PublishResult r = ws.commitToBase(s -> {
                asked.incrementAndGet();
                return Optional.of(new GitWorkspace.BaseChange(ChangeSet.writing(Map.of("overrides/prod/web.json", "{}\n")),
                        new CommitMessage("freeze web", "Prewarm-Action-Id: x")));
            }, 10);
            release.join();
            assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
            assertThat(retried.get()).isGreaterThanOrEqualTo(1);
            assertThat(asked.get()).as("the head did not move: the same commit is pushed again").isEqualTo(1);
            assertThat(log().get(0).getName()).isEqualTo(r.commit().orElseThrow());
        }
    }

    @Test
    void aRejectedPushIsFetchedReappliedAndRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT).onPushRetry(retries::incrementAndGet)) {
            PublishResult r = ws.commitToBase(s -> {
                if (calls.incrementAndGet() == 1) {
                    try {
                        foreignCommit("race.txt"); // someone writes between our fetch and our push
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                String seen = s.read("race.txt").isPresent() ? "saw race\n" : "alone\n";
                return Optional.of(new GitWorkspace.BaseChange(ChangeSet.writing(Map.of("mine.txt", seen)), new CommitMessage("mine", "")));
            }, 3);
            assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
        }
        assertThat(calls).hasValue(2);
        assertThat(retries).as("the retry is told to telemetry").hasValue(1);
        List<RevCommit> log = log();
        assertThat(log).hasSize(3);
        assertThat(log.get(0).getParent(0).getName()).isEqualTo(log.get(1).getName());
        try (JGitWorkspace check = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThat(check.read("mine.txt")).contains("saw race\n");
            assertThat(check.read("race.txt")).isPresent();
        }
    }

    @Test
    void givesUpAfterTheBoundedNumberOfRejectedPushes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT).onPushRetry(retries::incrementAndGet)) {
            assertThatThrownBy(() -> ws.commitToBase(s -> {
                try {
                    foreignCommit("race" + calls.incrementAndGet() + ".txt");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return Optional.of(new GitWorkspace.BaseChange(ChangeSet.writing(Map.of("mine.txt", "x\n")), new CommitMessage("mine", "")));
            }, 2)).hasMessageContaining("rejected 2 times");
        }
        assertThat(calls).hasValue(2);
        assertThat(retries).as("two attempts are one retry; the last rejection is a failure, not a retry").hasValue(1);
    }

    @Test
    void nothingToChangeCommitsNothing() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            PublishResult same = ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(
                    ChangeSet.writing(Map.of("README.md", "gitops\n")), new CommitMessage("same", ""))), 3);
            assertThat(same.status()).isEqualTo(PublishResult.Status.NO_CHANGE);
            assertThat(ws.commitToBase(s -> Optional.empty(), 3).status()).isEqualTo(PublishResult.Status.NO_CHANGE);
        }
        assertThat(log()).hasSize(1);
    }

    /** Another writer commits {@code path} with {@code message} (folders created). */
    private int written;

    private void foreignCommitAt(String path, String message) throws Exception {
        Path other = Files.createTempDirectory(tmp, "other");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(other.toFile()).call()) {
            Files.createDirectories(other.resolve(path).getParent());
            Files.writeString(other.resolve(path), "{\"other\": true}\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage(message).setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private int commitLosingOnceTo(JGitWorkspace ws, String foreignPath, String foreignMessage) {
        AtomicInteger calls = new AtomicInteger();
        String content = "{\"n\": " + (++written) + "}\n";
        PublishResult r = ws.commitToBase(s -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    foreignCommitAt(foreignPath, foreignMessage); // lands between our fetch and our push
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return Optional.of(new GitWorkspace.BaseChange(ChangeSet.writing(Map.of("overrides/prod/web.json", content)),
                    new CommitMessage("freeze web", "Prewarm-Action-Id: y\nPrewarm-Idempotency-Key: k1")));
        }, 3);
        assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
        assertThat(r.changedFiles()).containsExactly("overrides/prod/web.json");
        return calls.get();
    }

    @Test
    void aLostPushOfAnotherServiceMovesOntoTheNewHeadWithoutApplyingTheChangeAgain() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThat(commitLosingOnceTo(ws, "overrides/prod/api.json", "freeze api\n\nPrewarm-Action-Id: z"))
                    .as("the change function runs once: the lost commit is moved, not re-applied").isEqualTo(1);
            List<RevCommit> log = log();
            assertThat(log.get(0).getFullMessage()).contains("Prewarm-Action-Id: y");
            assertThat(log.get(1).getFullMessage()).startsWith("freeze api");
            assertThat(log.get(0).getParent(0)).isEqualTo(log.get(1));
            GitWorkspace.BaseSnapshot snap = ws.fetchBase();
            assertThat(snap.read("overrides/prod/web.json")).contains("{\"n\": 1}\n");
            assertThat(snap.read("overrides/prod/api.json")).contains("{\"other\": true}\n");
            assertThat(snap.read("README.md")).contains("gitops\n");
        }
    }

    @Test
    void aLostPushIsAppliedAgainWhenTheOtherWriterTouchedTheSameServiceOrTheSameKey() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThat(commitLosingOnceTo(ws, "generated/prod/web/main.tf", "plan web")).isEqualTo(2);
            assertThat(commitLosingOnceTo(ws, "overrides/prod/db.json", "scale db\n\nPrewarm-Idempotency-Key: k1"))
                    .as("the same idempotency key on both sides is decided by the change function").isEqualTo(2);
            assertThat(commitLosingOnceTo(ws, "policies/web.yaml", "edit a policy")).isEqualTo(2);
        }
    }

    @Test
    void serviceKeysNameTheServiceOfOverridesGeneratedRootsAndRules() {
        assertThat(BaseRebase.serviceKey("overrides/prod/web.json")).contains("prod/web");
        assertThat(BaseRebase.serviceKey("generated/prod/web/main.tf")).contains("prod/web");
        assertThat(BaseRebase.serviceKey("generated/prometheus/prod/web.rules.yml")).contains("prod/web");
        assertThat(BaseRebase.serviceKey("generated/README.md")).isEmpty();
        assertThat(BaseRebase.serviceKey("policies/web.yaml")).isEmpty();
    }
}
