package io.prewarm.gitops;

import java.util.List;
import java.util.Objects;

/**
 * What prewarm wants a merge request to say.
 *
 * @param sourceBranch    the proposal branch (starts with {@link #BRANCH_PREFIX})
 * @param targetBranch    the base branch
 * @param title           one line
 * @param description     Markdown, at most {@link #MAX_DESCRIPTION} characters (GitLab's limit)
 * @param labels          labels to carry (added, never removing what reviewers set)
 * @param assigneeIds     user ids assigned on creation
 * @param reviewerIds     user ids asked to review on creation
 * @param refreshExisting whether an existing merge request gets this text: true when the branch got a
 *                        new commit; false keeps an open merge request untouched (no API write) because
 *                        its text already describes the commit the branch holds
 */
public record MergeRequestDraft(String sourceBranch, String targetBranch, String title, String description,
                                List<String> labels, List<Long> assigneeIds, List<Long> reviewerIds,
                                boolean refreshExisting) {
    /** Every branch prewarm proposes on starts with this; other open merge requests from it are superseded. */
    public static final String BRANCH_PREFIX = "prewarm/";
    /** GitLab rejects longer descriptions. */
    public static final int MAX_DESCRIPTION = 1_048_576;

    public MergeRequestDraft {
        Objects.requireNonNull(sourceBranch, "sourceBranch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        if (title.isBlank() || title.contains("\n")) {
            throw new IllegalArgumentException("merge request title must be one non-empty line");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("merge request description has " + description.length()
                    + " characters, more than GitLab's " + MAX_DESCRIPTION);
        }
        if (sourceBranch.equals(targetBranch)) {
            throw new IllegalArgumentException("merge request source and target are both " + sourceBranch);
        }
        labels = List.copyOf(labels);
        assigneeIds = List.copyOf(assigneeIds);
        reviewerIds = List.copyOf(reviewerIds);
    }
}
