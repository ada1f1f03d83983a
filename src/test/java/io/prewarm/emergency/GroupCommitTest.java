package io.prewarm.emergency;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit and two replicas on one repository, in process, over a real bare repository on disk: actions
 * queued while a push is in flight share the next commit (one trailer group each), a rebuild from Git finds
 * every one of them, and an idempotency key sent to both replicas is committed once.
 */
class GroupCommitTest {
    @TempDir
    Path tmp;

    final GitOpsRepo.MovableClock clock = new GitOpsRepo.MovableClock(Instant.parse("2026-11-28T12:00:00Z"));

    static Action scaleUp(int target, String key) {
        return new Action(Action.Kind.SCALE_UP, GitOpsRepo.CHECKOUT, "test", "burst " + target, OptionalInt.of(target),
                Optional.empty(), OptionalInt.empty(), Optional.of(Duration.ofHours(1)), Optional.empty(),
                Optional.of("key/test/" + key));
    }

    /** Action id to the commits whose trailers carry it. */
    static Map<String, List<String>> committedIds(GitOpsRepo repo) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (RevCommit c : repo.log()) {
            for (Trailers.Recovered rec : Trailers.parseAll(c.getName(), c.getFullMessage())) {
                out.computeIfAbsent(rec.actionId(), k -> new ArrayList<>()).add(c.getName());
            }
        }
        return out;
    }

    @Test
    void actionsQueuedWhileAPushIsInFlightShareOneCommitAndARestartRecoversEveryAnswer() throws Exception {
        GitOpsRepo repo = new GitOpsRepo(tmp);
        EmergencyService service = new EmergencyService();
        repo.start(service, clock);
        int before = repo.log().size();
        List<CompletableFuture<ActionResult>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                answers.add(service.submit(scaleUp(10 + i, "k" + i)).answer());
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            service.stop();
        }
        Map<String, List<String>> committed = committedIds(repo);
        int commits = repo.log().size() - before;
        assertThat(commits).as("30 actions in fewer commits").isLessThan(30);
        assertThat(committed.values().stream().map(l -> l.get(0)).distinct().count()).isEqualTo(commits);
        for (CompletableFuture<ActionResult> f : answers) {
            ActionResult a = f.join();
            assertThat(a.status()).isEqualTo("APPLIED");
            assertThat(committed.get(a.id())).containsExactly(a.commit());
        }
        // the last action's floor is what the repository holds: each action saw the ones before it in its batch
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("\"min\" : 39");
        RevCommit batch = repo.log().stream().filter(c -> Trailers.parseAll(c.getName(), c.getFullMessage()).size() > 1)
                .findFirst().orElseThrow();
        assertThat(batch.getShortMessage()).startsWith("prewarm: emergency, ").contains(" actions (");

        EmergencyService restarted = new EmergencyService();
        repo.start(restarted, clock);
        try {
            for (int i = 0; i < 30; i++) {
                EmergencyService.Submitted again = restarted.submit(scaleUp(10 + i, "k" + i));
                assertThat(again.replayed()).isTrue();
                assertThat(again.answer().join().id()).isEqualTo(answers.get(i).join().id());
                assertThat(again.answer().join().commit()).isEqualTo(answers.get(i).join().commit());
            }
        } finally {
            restarted.stop();
        }
        assertThat(repo.log().size() - before).isEqualTo(commits);
    }

    @Test
    void aKeySentToTwoReplicasAtOnceIsCommittedOnceAndBothAnswerWithTheSameAction() throws Exception {
        GitOpsRepo repo = new GitOpsRepo(tmp);
        EmergencyService a = new EmergencyService();
        EmergencyService b = new EmergencyService();
        repo.start(a, clock);
        repo.start(b, clock);
        List<CompletableFuture<ActionResult>[]> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                @SuppressWarnings("unchecked")
                CompletableFuture<ActionResult>[] pair = new CompletableFuture[]{
                        a.submit(scaleUp(10 + i, "dup" + i)).answer(), b.submit(scaleUp(10 + i, "dup" + i)).answer()};
                pairs.add(pair);
            }
            for (CompletableFuture<ActionResult>[] p : pairs) {
                CompletableFuture.allOf(p).join();
            }
        } finally {
            a.stop();
            b.stop();
        }
        Map<String, List<String>> committed = committedIds(repo);
        for (CompletableFuture<ActionResult>[] p : pairs) {
            ActionResult first = p[0].join();
            ActionResult second = p[1].join();
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.commit()).isEqualTo(first.commit());
            assertThat(committed.get(first.id())).hasSize(1);
        }
        assertThat(committed).hasSize(20);
    }
}
