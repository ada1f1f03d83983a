package io.prewarm.gitops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What publishing did.
 *
 * @param status       UPDATED when a commit was pushed, NO_CHANGE when nothing needed to be
 * @param branch       the branch
 * @param commit       the commit now on the branch (the pushed one, or the existing one for NO_CHANGE
 *                     when the branch already held the change); empty when nothing is proposed
 * @param changedFiles repository-relative paths that differ from the base branch, sorted
 */
public record PublishResult(Status status, String branch, Optional<String> commit, List<String> changedFiles) {
    public PublishResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        changedFiles = List.copyOf(changedFiles);
    }

    /** Outcome of a publish. */
    public enum Status { UPDATED, NO_CHANGE, DRY_RUN }
}
