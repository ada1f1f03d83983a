package io.prewarm.gitops;

import java.util.List;
import java.util.Optional;

/**
 * The forge's merge requests (GitLab's REST API in production, WireMock in tests). Every method is one
 * or a few API calls; the find-then-update logic lives in {@link MergeRequestSync}.
 *
 * <p>Failures throw {@link GitOpsException} with a message that names the operation and the HTTP status,
 * never a credential.
 */
public interface MergeRequests {

    /** The open merge request from {@code sourceBranch} into {@code targetBranch}, if any. */
    Optional<MergeRequest> findOpen(String sourceBranch, String targetBranch);

    /** Every open merge request into {@code targetBranch} whose source branch starts with {@code sourcePrefix}. */
    List<MergeRequest> listOpen(String targetBranch, String sourcePrefix);

    /**
     * Opens a merge request.
     *
     * @throws MergeRequestConflictException when one is already open for the source branch (HTTP 409)
     */
    MergeRequest create(MergeRequestDraft draft);

    /** Replaces title and description and adds the draft's labels (reviewers' own labels stay). */
    MergeRequest update(long iid, MergeRequestDraft draft);

    /** Leaves {@code note} on the merge request, then closes it. */
    void close(long iid, String note);
}
