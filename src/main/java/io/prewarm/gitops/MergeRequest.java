package io.prewarm.gitops;

import java.util.List;
import java.util.Objects;

/**
 * An open (or just closed) merge request as the forge reports it.
 *
 * @param iid          the project-scoped number ({@code !iid}); what update and close address
 * @param sourceBranch the proposal branch
 * @param targetBranch the base branch
 * @param title        the title
 * @param description  the Markdown description
 * @param labels       labels, as the forge lists them
 * @param webUrl       where reviewers open it
 */
public record MergeRequest(long iid, String sourceBranch, String targetBranch, String title, String description,
                           List<String> labels, String webUrl) {
    public MergeRequest {
        Objects.requireNonNull(sourceBranch, "sourceBranch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        labels = labels == null ? List.of() : List.copyOf(labels);
        webUrl = webUrl == null ? "" : webUrl;
    }
}
