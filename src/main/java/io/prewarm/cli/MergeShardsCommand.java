package io.prewarm.cli;

import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.MergeRequestPublisher;
import io.prewarm.gitops.gitlab.GitLabConfig;
import io.prewarm.gitops.gitlab.GitLabPublishers;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ShardMerge;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code prewarm merge-shards}: the day's shard branches of {@code plan --shard i/n} as one proposal and merge request. */
@Command(name = "merge-shards", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Combine the day's shard branches prewarm/plan-<date>-shard-i-of-n (plan --shard i/n) into one "
                + "commit on prewarm/plan-<date>, open or update one merge request and close the shards' own.",
                "Exit codes: 0 success (also when nothing changed), 2 invalid input, 1 runtime failure (a missing "
                        + "shard, two shards changing the same file)."})
public class MergeShardsCommand implements Callable<Integer> {

    @Option(names = "--shards", paramLabel = "N", required = true,
            description = "Number of shards n of the plan jobs' --shard i/n ($CI_NODE_TOTAL).")
    int shards;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
            description = "UTC date of the shard branches (default: the date of --now).")
    LocalDate date;

    @Option(names = "--now", paramLabel = "ISO-8601", converter = Converters.InstantValue.class,
            description = "The instant whose UTC date names the branches, as given to plan (default: the current time).")
    Instant now;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "GitOps repository (default: the repository the command runs in).")
    String repo;

    @Option(names = "--base-branch", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch the shards were proposed against (default: ${DEFAULT-VALUE}).")
    String baseBranch;

    @Option(names = "--allow-missing",
            description = "Merge the shards that pushed a branch; a shard with nothing to propose pushes none "
                    + "(default: a missing shard is an error, nothing is pushed).")
    boolean allowMissing;

    @Option(names = "--no-merge-request",
            description = "Push the combined branch only: no merge request, no description.")
    boolean noMergeRequest;

    @Mixin
    SummaryOptions output;

    @Inject
    GitConfig git;

    @Inject
    GitOpsConfig gitops;

    @Inject
    GitLabConfig gitlab;

    @Override
    public Integer call() {
        if (shards < 2 || shards > 9999) {
            throw new InvalidInputException("--shards: " + shards + " is out of range [2, 9999] (one shard has "
                    + "nothing to merge)");
        }
        if (date != null && now != null) {
            throw new InvalidInputException("--date: give either --date or --now, not both");
        }
        LocalDate day = date != null ? date
                : LocalDate.ofInstant(now != null ? now : Clock.systemUTC().instant(), ZoneOffset.UTC);
        String target = Workspaces.target(repo);
        RunSummary summary;
        try (JGitWorkspace ws = Workspaces.open(target, baseBranch, git, gitops, gitlab);
             MergeRequestPublisher mergeRequests = noMergeRequest ? null : GitLabPublishers.fromConfig(gitlab,
                     System.getenv(), output.descriptionOut())) {
            summary = new ShardMerge(Optional.ofNullable(mergeRequests))
                    .run(ws, new ShardMerge.Options(day, shards, allowMissing));
        }
        output.print(summary);
        return summary.failed() ? PrewarmCommand.EXIT_FAILURE : 0;
    }
}
