package io.prewarm.pipeline;

import io.prewarm.common.Checks;
import java.time.Instant;
import java.util.List;
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
 * @param error      what failed after the services were planned (the merge request step, after a push), if
 *                   anything: the run still reports its branch and commit
 */
public record RunSummary(Instant now, String repository, String branch, Optional<String> commit, boolean published,
                         boolean dryRun, Optional<String> diff, List<ServiceResult> services, Optional<String> error) {
    /** The run's overall status, as {@code plan --output json} reports it. */
    public enum Status {
        /** A commit was pushed, or (dry run) changes are proposed. */
        UPDATED,
        /** Nothing to propose, or the branch already holds the proposal. */
        NO_CHANGE,
        /** A service failed, or a step after planning did ({@link #error()}). */
        FAILED
    }

    public RunSummary {
        Checks.nonNull("now, branch, commit, diff, error", now, branch, commit, diff, error);
        services = List.copyOf(services);
    }

    /** A run that failed in no step after planning. */
    public RunSummary(Instant now, String repository, String branch, Optional<String> commit, boolean published,
                      boolean dryRun, Optional<String> diff, List<ServiceResult> services) {
        this(now, repository, branch, commit, published, dryRun, diff, services, Optional.empty());
    }

    /** True when any service failed, or a step after planning did. */
    public boolean failed() {
        return error.isPresent() || services.stream().anyMatch(s -> s.status() == ServiceResult.Status.FAILED);
    }

    /**
     * FAILED when {@link #failed()}; UPDATED when this run pushed a commit or, in a dry run, when it proposes
     * changes (a non-empty diff: nothing is published, {@code published} stays false); NO_CHANGE otherwise.
     */
    public Status status() {
        if (failed()) {
            return Status.FAILED;
        }
        boolean proposes = dryRun ? diff.map(d -> !d.isEmpty()).orElse(false) : published;
        return proposes ? Status.UPDATED : Status.NO_CHANGE;
    }

    public long count(ServiceResult.Status status) {
        return services.stream().filter(s -> s.status() == status).count();
    }
}
