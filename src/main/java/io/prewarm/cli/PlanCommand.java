package io.prewarm.cli;

import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.MergeRequestPublisher;
import io.prewarm.gitops.PrintingPublisher;
import io.prewarm.gitops.gitlab.GitLabConfig;
import io.prewarm.gitops.gitlab.GitLabPublishers;
import io.prewarm.gitops.gitlab.GitLabEndpoint;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.Shard;
import io.prewarm.pipeline.Stages;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.telemetry.PlanTelemetry;
import io.prewarm.telemetry.Telemetry;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code prewarm plan}: history to forecast to plan to Terraform to a proposal branch. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read each service's history, forecast, plan capacity under its policy, render Terraform "
                + "under generated/ and propose it on branch prewarm/plan-<date> of the GitOps repository.",
                "Exit codes: 0 success (also when nothing changed), 2 invalid input, 1 runtime failure."})
public class PlanCommand implements Callable<Integer> {

    @Mixin
    PolicyOptions policies;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "GitOps repository to propose changes to (default: the repository the command runs in).")
    String repo;

    @Option(names = "--base-branch", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch the proposal is made against (default: ${DEFAULT-VALUE}).")
    String baseBranch;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--now", paramLabel = "ISO-8601", converter = Converters.InstantValue.class,
            description = "Fix the planning instant, e.g. 2026-11-28T00:00:00Z (default: the current time).")
    Instant now;

    @Option(names = "--dry-run", description = "Render and print the summary and the diff of the generated files; "
            + "no commit, no push (the merge request description only with --description).")
    boolean dryRun;

    @Mixin
    SummaryOptions output;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "Services processed at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--shard", paramLabel = "i/n", defaultValue = "1/1", converter = Converters.ShardValue.class,
            description = "Plan only shard i of n (stable hash of environment/service; e.g. "
                    + "$CI_NODE_INDEX/$CI_NODE_TOTAL in GitLab parallel jobs). Each shard proposes its own branch "
                    + "prewarm/plan-<date>-shard-i-of-n (default: ${DEFAULT-VALUE}).")
    Shard shard;

    @Option(names = "--no-merge-request",
            description = "Open no merge request and print no description (e.g. shards whose branches a later "
                    + "merge-shards job combines into one merge request); the branch is still pushed.")
    boolean noMergeRequest;

    @Option(names = "--all-or-nothing",
            description = "Commit nothing when any service fails (default: commit the services that succeeded).")
    boolean allOrNothing;

    @Option(names = "--description", paramLabel = "FILE",
            description = "Write the merge request's title and description to FILE when no merge request is opened "
                    + "(a dry run, or GitLab not configured) instead of printing it (default: a dry run shows none; "
                    + "otherwise text output prints it).")
    Path description;

    @Option(names = "--verbose",
            description = "Also print the audit log (one JSON line per decision) on stderr; it always goes to "
                    + "prewarm.audit.file (default .prewarm/audit.jsonl).")
    boolean verbose;

    @Option(names = "--scorecards", paramLabel = "N", defaultValue = "10",
            description = "Backtest the policies of at most N changed services over the last week and show the "
                    + "scorecards in the merge request; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int scorecards;

    @Inject
    GitConfig git;

    @Inject
    Wiring wiring;

    // gitops (docs/gitops.md): churn threshold and the merge request
    @Inject
    GitOpsConfig gitops;

    @Inject
    GitLabConfig gitlab;

    @Inject
    Telemetry telemetry;

    @Override
    public Integer call() {
        if (scorecards < 0) {
            throw new InvalidInputException("--scorecards: " + scorecards + " must be at least 0");
        }
        if (parallelism < 1 || parallelism > 256) {
            throw new InvalidInputException("--parallelism: " + parallelism + " is out of range [1, 256]");
        }
        Instant at = now != null ? now : Clock.systemUTC().instant();
        List<ServicePolicy> loaded = policies.load();
        String target = Workspaces.target(repo);
        Stages stages = wiring.stages(metrics.spec());
        RunSummary summary;
        PlanTelemetry observer = telemetry.planRun(verbose); // telemetry: metrics, audit log, forecast error
        try (PrintStream descriptionOut = descriptionFile();
             JGitWorkspace ws = Workspaces.open(target, baseBranch, git, gitops, gitlab)
                     .onPushRetry(telemetry.metrics()::gitPushRetried); // telemetry: prewarm_git_push_retries_total
             MergeRequestPublisher mergeRequests = mergeRequests(descriptionOut)) {
            summary = new PlanRun(stages, new ChurnControl(gitops.churnThresholdPercent()),
                    Optional.ofNullable(mergeRequests), observer)
                    .withScorecards(new BacktestScorecards(stages), descriptionShown() ? scorecards : 0)
                    .run(loaded, ws, new PlanRun.Options(at, dryRun, parallelism, allOrNothing, shard,
                            System.console() != null && System.getenv("CI") == null));
        } catch (RuntimeException e) {
            observer.failedBeforeRun(e); // telemetry: e.g. cloning failed, the run never started
            throw e;
        } finally {
            telemetry.export(observer); // telemetry: Pushgateway when configured, metrics file otherwise
            if (stages.metrics() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing an HTTP client cannot lose results; nothing to report
                }
            }
        }
        output.print(summary);
        return summary.failed() ? PrewarmCommand.EXIT_FAILURE : 0;
    }

    /**
     * GitLab when a token is configured (not in a dry run). Otherwise the description goes to
     * {@code --description FILE} when given; else, outside a dry run, to stdout in text mode and nowhere in
     * JSON mode (stdout belongs to the summary). A dry run without the option has none: null, no merge
     * request step, no backtest.
     */
    private MergeRequestPublisher mergeRequests(PrintStream descriptionOut) {
        if (noMergeRequest) {
            return null;
        }
        if (dryRun) {
            return descriptionOut != null ? new PrintingPublisher(descriptionOut) : null;
        }
        PrintStream out = descriptionOut != null ? descriptionOut : output.descriptionOut();
        return GitLabPublishers.fromConfig(gitlab, System.getenv(), out);
    }

    /** Whether the merge request description goes anywhere: GitLab, a file, or stdout. No reader, no backtest. */
    private boolean descriptionShown() {
        if (noMergeRequest) {
            return false;
        }
        if (description != null) {
            return true;
        }
        return !dryRun && (!output.json() || GitLabEndpoint.resolve(gitlab, System.getenv()).isPresent());
    }

    /** The {@code --description} file, truncated; null without the option. */
    private PrintStream descriptionFile() {
        if (description == null) {
            return null;
        }
        return new PrintStream(OutputFiles.open("--description", description), false, StandardCharsets.UTF_8);
    }
}
