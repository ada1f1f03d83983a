package io.prewarm.gitops.jgit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Writers of one base branch take turns: a fresh marker of another writer makes a winner yield. */
class PushTurnsTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");

    @TempDir
    Path tmp;

    private Git clone(Path remote, String name) throws Exception {
        return Git.cloneRepository().setURI(remote.toString()).setDirectory(tmp.resolve(name).toFile()).call();
    }

    private static void fetch(Git g) throws Exception {
        g.fetch().setRemote("origin").setRemoveDeletedRefs(true).setRefSpecs(PushTurns.fetchSpec()).call();
    }

    @Test
    void anotherWritersFreshMarkerMakesAWriterYieldUntilItIsStaleOrRemoved() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git seed = clone(remote, "seed")) {
            Files.writeString(tmp.resolve("seed/README.md"), "gitops\n");
            seed.add().addFilepattern(".").call();
            seed.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            seed.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        Instant now = Instant.now();
        PushTurns loser = new PushTurns(Clock.fixed(now, ZoneOffset.UTC));
        PushTurns winner = new PushTurns(Clock.fixed(now, ZoneOffset.UTC));
        PushTurns winnerLater = new PushTurns(Clock.fixed(now.plus(Duration.ofSeconds(3)), ZoneOffset.UTC));
        try (Git a = clone(remote, "a"); Git b = clone(remote, "b")) {
            fetch(b);
            assertThat(winner.othersWaiting(b)).as("nobody waits yet").isFalse();
            loser.markWaiting(a, BOT, GitCredentials.none());
            fetch(a);
            fetch(b);
            assertThat(winner.othersWaiting(b)).as("the loser's fresh marker").isTrue();
            assertThat(loser.othersWaiting(a)).as("a writer never waits for itself").isFalse();
            assertThat(winnerLater.othersWaiting(b)).as("a marker older than two seconds is stale").isFalse();
            loser.done(a, GitCredentials.none());
            fetch(b);
            assertThat(winner.othersWaiting(b)).as("removed once the loser pushed").isFalse();
        }
    }
}
