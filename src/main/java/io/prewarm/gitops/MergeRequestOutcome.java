package io.prewarm.gitops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What publishing a merge request did.
 *
 * @param status        CREATED, UPDATED, UNCHANGED (no API write) or PRINTED (no forge configured)
 * @param mergeRequest  the merge request, unless PRINTED
 * @param closed        iids of merge requests closed as superseded by this one, ascending
 */
public record MergeRequestOutcome(Status status, Optional<MergeRequest> mergeRequest, List<Long> closed) {
    public MergeRequestOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mergeRequest, "mergeRequest");
        closed = List.copyOf(closed);
    }

    /** Outcome of a publish. */
    public enum Status { CREATED, UPDATED, UNCHANGED, PRINTED }
}
