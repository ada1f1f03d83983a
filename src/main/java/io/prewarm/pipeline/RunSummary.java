package io.prewarm.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one plan run.
 *
 * @param now        the planning instant
 * @param repository the GitOps repository (credentials removed)
 * @param branch     the proposal branch
 * @param commit     the commit on the branch, when there is one
 * @param published  whether this run pushed a commit
 * @param dryRun     whether this was a dry run
 * @param diff       the unified diff against the base branch (dry run only)
 * @param services   per-service results, sorted by environment and service
 */
public record RunSummary(Instant now, String repository, String branch, Optional<String> commit, boolean published,
                         boolean dryRun, Optional<String> diff, List<ServiceResult> services) {
    public RunSummary {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(diff, "diff");
        services = List.copyOf(services);
    }

    /** True when any service failed. */
    public boolean failed() {
        return services.stream().anyMatch(s -> s.status() == ServiceResult.Status.FAILED);
    }

    public long count(ServiceResult.Status status) {
        return services.stream().filter(s -> s.status() == status).count();
    }
}
