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
     * (path to new content; a null content deletes the path). Idempotent: when the result equals the base
     * branch, or the branch already holds exactly this change on top of the current base, nothing is
     * committed or pushed and the status is {@link PublishResult.Status#NO_CHANGE}.
     *
     * @throws GitOpsException when cloning, committing or pushing fails
     */
    PublishResult propose(String branch, Map<String, String> changes, CommitMessage message);

    /**
     * The unified diff that {@link #propose} would commit, against the base branch; nothing is committed.
     */
    String diff(Map<String, String> changes);

    /** Paths of the files of the base branch under a folder (repository-relative, sorted). */
    java.util.List<String> list(String folder);

    @Override
    void close();
}
