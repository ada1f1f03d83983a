package io.prewarm.gitops;

import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Find-then-update on a forge: one open merge request per proposal branch, never a duplicate, no API
 * write when nothing changed, and older prewarm merge requests into the same target closed with a note
 * naming the one that supersedes them.
 */
public final class MergeRequestSync implements MergeRequestPublisher {
    /** Plan proposals; emergency or other prewarm branches are never closed as superseded by a plan. */
    public static final String PLAN_BRANCH_PREFIX = "prewarm/plan-";

    private final MergeRequests forge;
    private final String supersededPrefix;

    /** A sync that closes open merge requests from other {@link #PLAN_BRANCH_PREFIX} branches. */
    public MergeRequestSync(MergeRequests forge) {
        this(forge, PLAN_BRANCH_PREFIX);
    }

    /**
     * @param forge            the forge's merge requests
     * @param supersededPrefix open merge requests from other branches with this prefix are closed as superseded
     */
    public MergeRequestSync(MergeRequests forge, String supersededPrefix) {
        this.forge = Objects.requireNonNull(forge, "forge");
        this.supersededPrefix = Objects.requireNonNull(supersededPrefix, "supersededPrefix");
        if (!supersededPrefix.startsWith(MergeRequestDraft.BRANCH_PREFIX)) {
            throw new IllegalArgumentException("superseded prefix must start with " + MergeRequestDraft.BRANCH_PREFIX);
        }
    }

    @Override
    public MergeRequestOutcome publish(MergeRequestDraft draft) {
        Optional<MergeRequest> open = forge.findOpen(draft.sourceBranch(), draft.targetBranch());
        MergeRequest mr;
        MergeRequestOutcome.Status status;
        if (open.isEmpty()) {
            try {
                mr = forge.create(draft);
                status = MergeRequestOutcome.Status.CREATED;
            } catch (MergeRequestConflictException e) {
                // Someone (a parallel run, or a create whose answer was lost) opened it meanwhile.
                MergeRequest existing = forge.findOpen(draft.sourceBranch(), draft.targetBranch())
                        .orElseThrow(() -> new GitOpsException("opening merge request for " + draft.sourceBranch()
                                + ": gitlab reports a conflict but lists no open merge request for the branch", e));
                mr = refresh(existing, draft, true);
                status = mr == existing ? MergeRequestOutcome.Status.UNCHANGED : MergeRequestOutcome.Status.UPDATED;
            }
        } else {
            mr = refresh(open.get(), draft, draft.refreshExisting());
            status = mr == open.get() ? MergeRequestOutcome.Status.UNCHANGED : MergeRequestOutcome.Status.UPDATED;
        }
        List<Long> closed = closeSuperseded(mr, draft);
        Log.infof("merge request %s iid=%d branch=%s closed_superseded=%d", status.name().toLowerCase(), mr.iid(),
                draft.sourceBranch(), closed.size());
        return new MergeRequestOutcome(status, Optional.of(mr), closed);
    }

    @Override
    public void close() {
        if (forge instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing an HTTP client loses nothing that was published
            }
        }
    }

    /** The merge request updated to the draft, or the same instance when it already says what the draft says. */
    private MergeRequest refresh(MergeRequest existing, MergeRequestDraft draft, boolean allowed) {
        if (!allowed || saysTheSame(existing, draft)) {
            return existing;
        }
        return forge.update(existing.iid(), draft);
    }

    static boolean saysTheSame(MergeRequest mr, MergeRequestDraft draft) {
        return mr.title().equals(draft.title())
                && normalize(mr.description()).equals(normalize(draft.description()))
                && mr.labels().containsAll(draft.labels());
    }

    /** GitLab may store CRLF and trims trailing whitespace; neither is a change a reviewer would see. */
    private static String normalize(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    private static final java.util.regex.Pattern SHARD = java.util.regex.Pattern.compile("-shard-\\d+-of-\\d+$");

    /**
     * The shard part of a plan branch ({@code -shard-2-of-8}), empty for the whole fleet: a shard supersedes only
     * its own; a whole-fleet proposal supersedes every plan proposal, shards' included.
     */
    static String shardOf(String branch) {
        java.util.regex.Matcher m = SHARD.matcher(branch);
        return m.find() ? m.group() : "";
    }

    private List<Long> closeSuperseded(MergeRequest current, MergeRequestDraft draft) {
        List<Long> closed = new ArrayList<>();
        if (!current.sourceBranch().startsWith(supersededPrefix)) {
            return closed;
        }
        for (MergeRequest old : forge.listOpen(draft.targetBranch(), supersededPrefix)) {
            String currentShard = shardOf(current.sourceBranch());
            if (old.iid() == current.iid() || old.sourceBranch().equals(current.sourceBranch())
                    || !old.sourceBranch().startsWith(supersededPrefix)
                    || !currentShard.isEmpty() && !shardOf(old.sourceBranch()).equals(currentShard)) {
                continue;
            }
            // a whole-fleet proposal (one run, or the shards merged by merge-shards) supersedes every shard's too
            boolean combined = currentShard.isEmpty() && old.sourceBranch().startsWith(current.sourceBranch() + "-shard-");
            forge.close(old.iid(), combined
                    ? "Combined with the other shards into !" + current.iid() + " (`" + current.sourceBranch()
                    + "`" + (current.webUrl().isEmpty() ? "" : ", " + current.webUrl())
                    + "): review and merge that one. Closed by prewarm."
                    : "Superseded by !" + current.iid() + " (`" + current.sourceBranch()
                    + "`), which holds a newer plan. Closed by prewarm.");
            closed.add(old.iid());
        }
        closed.sort(null);
        return closed;
    }
}
