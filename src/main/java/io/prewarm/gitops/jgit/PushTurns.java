package io.prewarm.gitops.jgit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fairness between writers of one base branch (serve replicas). A lease only says who was first, so a writer that
 * commits small batches back to back can win every race while another one's pushes keep being rejected. A writer
 * whose push was rejected twice in a row pushes a marker ref {@code refs/prewarm/waiting/<writer>} (a commit
 * with an empty tree, its commit time the signal); a writer about to push that sees another writer's marker
 * younger than {@link #FRESH_MS} yields once, for {@link #YIELD_MS}, so the waiting one lands first. Best effort:
 * a remote that refuses the marker (a Git host that only takes branches and tags) changes nothing else.
 */
final class PushTurns {
    static final String PREFIX = "refs/prewarm/waiting/";
    static final long FRESH_MS = 2_000; // commit times have a resolution of one second
    static final long YIELD_MS = 250;

    private final String me = PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    private final Clock clock;

    PushTurns(Clock clock) {
        this.clock = clock;
    }

    /** The refspec that brings the other writers' markers along with every fetch of the base branch. */
    static RefSpec fetchSpec() {
        return new RefSpec("+" + PREFIX + "*:" + PREFIX + "*");
    }

    /** True when another writer is waiting for its turn (its marker, as last fetched, is fresh). */
    boolean othersWaiting(Git git) {
        long now = clock.millis();
        try (RevWalk rw = new RevWalk(git.getRepository())) {
            for (Ref r : git.getRepository().getRefDatabase().getRefsByPrefix(PREFIX)) {
                if (r.getName().equals(me) || r.getObjectId() == null) {
                    continue;
                }
                RevCommit c = rw.parseCommit(r.getObjectId());
                if (now - c.getCommitTime() * 1000L < FRESH_MS) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Says, on the remote, that this writer is waiting for its turn. */
    void markWaiting(Git git, PersonIdent author, GitCredentials credentials) {
        try (ObjectInserter ins = git.getRepository().newObjectInserter()) {
            CommitBuilder marker = new CommitBuilder();
            marker.setTreeId(ins.insert(new TreeFormatter()));
            PersonIdent now = new PersonIdent(author, Date.from(clock.instant()));
            marker.setAuthor(now);
            marker.setCommitter(now);
            marker.setMessage("prewarm: waiting for a turn to push\n");
            ObjectId id = ins.insert(marker);
            ins.flush();
            credentials.apply(git.push().setRemote("origin").setForce(true)
                    .setRefSpecs(new RefSpec("+" + id.name() + ":" + me))).call();
        } catch (Exception e) {
            io.quarkus.logging.Log.debugf("marking a waiting writer: %s", e.getMessage());
        }
    }

    /** Removes this writer's marker once it has pushed. */
    void done(Git git, GitCredentials credentials) {
        try {
            credentials.apply(git.push().setRemote("origin").setRefSpecs(new RefSpec(":" + me))).call();
        } catch (Exception e) {
            io.quarkus.logging.Log.debugf("removing a waiting writer's marker: %s", e.getMessage());
        }
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
