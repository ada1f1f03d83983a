package io.prewarm.gitops;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A temporary clone of the GitOps repository at the head of its base branch. The user's own working
 * tree is never touched. Closing it deletes the clone.
 */
public interface GitWorkspace extends AutoCloseable {

    /** The clone's working tree, checked out at the base branch head. */
    Path dir();

    /** The branch changes are proposed against (the merge request's target). */
    String baseBranch();

    /** The commit the base branch pointed to when the workspace was opened. */
    String baseCommit();

    /** The repository as given by the user, with any credentials removed (for logs and summaries). */
    String describe();

    /** A file of the base branch, by repository-relative path. */
    Optional<String> read(String path);

    /**
     * Proposes a change on {@code branch}: one commit on top of the base branch holding {@code changes}
     * (files written or deleted). Idempotent: when the result equals the base
     * branch, or the branch already holds exactly this change on top of the current base, nothing is
     * committed or pushed and the status is {@link PublishResult.Status#NO_CHANGE}.
     *
     * @throws GitOpsException when cloning, committing or pushing fails
     */
    PublishResult propose(String branch, ChangeSet changes, CommitMessage message);

    /**
     * The unified diff that {@link #propose} would commit, against the base branch; nothing is committed.
     */
    String diff(ChangeSet changes);

    /** Paths of the files of the base branch under a folder (repository-relative, sorted). */
    java.util.List<String> list(String folder);

    /** One commit of the base branch, for reading. */
    interface BaseSnapshot {
        /** The commit id. */
        String commit();

        /** A file at this commit, by repository-relative path. */
        Optional<String> read(String path);

        /** Paths of the files under a folder at this commit (repository-relative, sorted). */
        java.util.List<String> list(String folder);
    }

    /** Files to change straight on the base branch, and the message. */
    record BaseChange(ChangeSet changes, CommitMessage message) {
        public BaseChange {
            java.util.Objects.requireNonNull(changes, "changes");
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Fetches the base branch, resets this clone to its head and returns it for reading. A long-lived
     * workspace ({@code serve}) calls it before each read of the newest state.
     *
     * @throws GitOpsException when fetching fails
     */
    default BaseSnapshot fetchBase() {
        throw new UnsupportedOperationException("fetching the base branch: not supported by " + describe());
    }

    /**
     * Commits straight onto the base branch, the branch CI applies, and pushes (no proposal branch): fetches the
     * base branch, asks {@code change} for the files to write given its head, commits and pushes. A push
     * rejected because someone else wrote first is fetched, re-applied (change is asked again with the new
     * head) and retried, up to {@code maxAttempts} times. When {@code change} answers empty or nothing differs,
     * nothing is committed and the status is {@link PublishResult.Status#NO_CHANGE}.
     *
     * @throws GitOpsException when fetching or committing fails, or every push attempt was rejected
     */
    default PublishResult commitToBase(java.util.function.Function<BaseSnapshot, Optional<BaseChange>> change,
                                       int maxAttempts) {
        throw new UnsupportedOperationException("committing to the base branch: not supported by " + describe());
    }

    /** Full messages of the base branch's commits as fetched last, newest first, at most {@code max}, with ids. */
    default java.util.List<Map.Entry<String, String>> baseLog(int max) {
        throw new UnsupportedOperationException("reading the base branch's log: not supported by " + describe());
    }

    /**
     * A proposal branch as the remote holds it: its head commit, the head's parents, its full message, and what
     * the head changes against its first parent.
     */
    record Proposal(String branch, String commit, java.util.List<String> parents, String message,
                    ChangeSet changes) {
        public Proposal {
            java.util.Objects.requireNonNull(branch, "branch");
            java.util.Objects.requireNonNull(commit, "commit");
            java.util.Objects.requireNonNull(message, "message");
            parents = java.util.List.copyOf(parents);
            java.util.Objects.requireNonNull(changes, "changes");
        }
    }

    /**
     * Fetches {@code branch} from the remote and reads its head commit; empty when the remote has no such branch.
     * The same guards as a proposal: a symbolic link under the guarded folders of the head's tree, or a changed
     * path that is not a regular file, refuses it.
     *
     * @throws GitOpsException when fetching or reading fails
     */
    default Optional<Proposal> fetchProposal(String branch) {
        throw new UnsupportedOperationException("reading proposal branches: not supported by " + describe());
    }

    /**
     * The paths that differ between {@code commit} and the base commit, when {@code commit} is the base commit or
     * one of its ancestors (fetched before, e.g. as a proposal's parent); empty when it is not on the base branch.
     */
    default Optional<java.util.List<String>> changedOnBaseSince(String commit) {
        throw new UnsupportedOperationException("comparing with the base branch: not supported by " + describe());
    }

    /**
     * Like {@link #baseLog}, but only the commits not reachable from {@code since} (the head read last time), so a
     * long-lived workspace reads each new commit once; all of {@code max} when {@code since} is empty.
     */
    default java.util.List<Map.Entry<String, String>> baseLogSince(Optional<String> since, int max) {
        java.util.List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        for (Map.Entry<String, String> c : baseLog(max)) {
            if (since.isPresent() && since.get().equals(c.getKey())) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    @Override
    void close();
}
