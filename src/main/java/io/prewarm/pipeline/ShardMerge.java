package io.prewarm.pipeline;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.MergeRequestOutcome;
import io.prewarm.gitops.MergeRequestPublisher;
import io.prewarm.gitops.MergeRequestSync;
import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.gitops.PublishResult;
import io.prewarm.plan.CapacityPlan;
import io.quarkus.logging.Log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code merge-shards}: the day's shard branches ({@code prewarm/plan-<date>-shard-i-of-n}, one prewarm commit
 * each) combined into one commit on {@code prewarm/plan-<date>} and one merge request, exactly what one unsharded
 * run would have proposed: each shard's changes are applied onto the current base, the plan files record the
 * combined branch, the commit message carries every shard's service lines, and the merge request is described
 * by {@link MergeRequestDescription} from the combined plan files. Refuses (nothing pushed) a missing shard
 * (unless allowed), a shard branch that is not one commit on the base branch, a path changed by two shards, and a
 * path a shard changes that the base branch changed after the shard planned.
 */
public final class ShardMerge {
    private static final Pattern LINE = Pattern.compile(
            "^- ([^\\s:]+/[^\\s:]+): (UPDATED|NO_CHANGE|FROZEN|FAILED)(.*)$");
    private static final Pattern REASONS = Pattern.compile(", reasons \\[([A-Z_, ]*)]");
    private static final Pattern PAREN = Pattern.compile(" \\((.*)\\)$");

    private final Optional<MergeRequestPublisher> mergeRequests;

    /** @param mergeRequests where the combined proposal's description goes (GitLab, or stdout), if anywhere */
    public ShardMerge(Optional<MergeRequestPublisher> mergeRequests) {
        this.mergeRequests = Objects.requireNonNull(mergeRequests, "mergeRequests");
    }

    /**
     * @param date         the UTC date of the shard branches
     * @param shards       n of {@code --shard i/n}, at least 2
     * @param allowMissing merge the shards that pushed a branch (a shard with nothing to propose pushes none)
     */
    public record Options(LocalDate date, int shards, boolean allowMissing) {
        public Options {
            Objects.requireNonNull(date, "date");
            if (shards < 2 || shards > 9999) {
                throw new IllegalArgumentException("shards must be 2..9999, got " + shards);
            }
        }

        /** The combined proposal branch, {@code prewarm/plan-<date>}. */
        public String branch() {
            return MergeRequestSync.PLAN_BRANCH_PREFIX + date;
        }

        String shardBranch(int index) {
            return branch() + new Shard(index, shards).branchSuffix();
        }
    }

    /** Merging the shards failed before anything was pushed; the message names the shard and the path. */
    public static final class ShardMergeException extends RuntimeException {
        ShardMergeException(String message) {
            super(message);
        }
    }

    public RunSummary run(GitWorkspace workspace, Options options) {
        String branch = options.branch();
        Map<Integer, GitWorkspace.Proposal> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= options.shards(); i++) {
            Optional<GitWorkspace.Proposal> p = workspace.fetchProposal(options.shardBranch(i));
            if (p.isPresent()) {
                found.put(i, p.get());
            } else {
                missing.add(i + "/" + options.shards() + " (" + options.shardBranch(i) + ")");
            }
        }
        if (!missing.isEmpty() && !options.allowMissing()) {
            throw new ShardMergeException("merging shards: no branch for shard " + String.join(", ", missing)
                    + " in " + workspace.describe() + "; run the missing shards (plan --shard i/" + options.shards()
                    + " --now of the same day), or pass --allow-missing when they had nothing to propose");
        }
        missing.forEach(m -> Log.warnf("merging shards without shard %s: no branch", m));
        ChangeSet.Builder merged = ChangeSet.builder();
        Map<String, Integer> owner = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        List<String> trailers = new ArrayList<>();
        Optional<Instant> plannedAt = Optional.empty();
        for (Map.Entry<Integer, GitWorkspace.Proposal> e : found.entrySet()) {
            String shard = e.getKey() + "/" + options.shards();
            GitWorkspace.Proposal p = e.getValue();
            checkBase(workspace, shard, p);
            for (ChangeSet.Change c : p.changes().entries()) {
                Integer other = owner.putIfAbsent(c.path(), e.getKey());
                if (other != null) {
                    throw new ShardMergeException("merging shards: shards " + other + "/" + options.shards() + " and "
                            + shard + " both change " + c.path() + "; shards must be disjoint (the same policies "
                            + "and the same n in every --shard i/n), run them again");
                }
                ChangeSet.Change change = c;
                if (c instanceof ChangeSet.Write w && c.path().endsWith("/" + PlanFile.NAME)) {
                    String text = PlanFile.withBranch(w.content(), p.branch(), branch);
                    Optional<Instant> at = PlanFile.details(text, c.path()).plannedAt();
                    if (at.isPresent() && (plannedAt.isEmpty() || at.get().isBefore(plannedAt.get()))) {
                        plannedAt = at;
                    }
                    change = new ChangeSet.Write(c.path(), text);
                }
                merged.add(change);
            }
            p.message().lines().filter(l -> LINE.matcher(l).matches()).forEach(lines::add);
            trailers.add("Prewarm-Shard: " + shard + " " + p.commit());
        }
        Instant now = plannedAt.orElse(options.date().atStartOfDay(ZoneOffset.UTC).toInstant());
        ChangeSet changes = merged.build();
        List<ServiceResult> results = results(workspace, lines, changes);
        if (changes.isEmpty()) {
            return new RunSummary(now, workspace.describe(), branch, Optional.empty(), false, false, Optional.empty(),
                    results);
        }
        PublishResult pr = workspace.propose(branch, changes, message(now, results, lines, trailers));
        boolean published = pr.status() == PublishResult.Status.UPDATED;
        Log.infof("merged shards branch=%s shards=%d status=%s commit=%s files=%d", branch, found.size(), pr.status(),
                pr.commit().orElse("-"), pr.changedFiles().size());
        Optional<String> error = Optional.empty();
        if (mergeRequests.isPresent() && pr.commit().isPresent()) {
            try {
                Map<ServiceKey, PlanSnapshot> current = new TreeMap<>();
                results.forEach(r -> PlanRun.currentSnapshot(workspace, r.key()).ifPresent(c -> current.put(r.key(), c)));
                MergeRequestDescription.Input in = new MergeRequestDescription.Input(now, branch,
                        workspace.baseBranch(), pr.commit(), results, current);
                MergeRequestOutcome mr = mergeRequests.get().publish(new MergeRequestDraft(branch,
                        workspace.baseBranch(), MergeRequestDescription.title(in),
                        new MergeRequestDescription().render(in), List.of(), List.of(), List.of(), published));
                Log.infof("combined merge request %s closed=%s", mr.status(), mr.closed());
            } catch (RuntimeException ex) {
                error = Optional.of(PlanRun.mergeRequestError(ex));
                Log.errorf("%s (branch=%s commit=%s)", error.get(), branch, pr.commit().orElse("-"));
            }
        }
        if (!published) {
            results = results.stream().map(r -> r.status() == ServiceResult.Status.UPDATED
                    ? r.withStatus(ServiceResult.Status.NO_CHANGE, "already proposed on " + branch) : r).toList();
        }
        return new RunSummary(now, workspace.describe(), branch, pr.commit(), published, false, Optional.empty(),
                results, error);
    }

    /**
     * A shard must be one commit whose parent is on the base branch; when the base moved since, none of the
     * shard's paths may have changed on it (an emergency change would otherwise be overwritten).
     */
    private static void checkBase(GitWorkspace workspace, String shard, GitWorkspace.Proposal p) {
        if (p.parents().size() != 1) {
            throw new ShardMergeException("merging shards: shard " + shard + "'s branch " + p.branch() + " head "
                    + abbrev(p.commit()) + " has " + p.parents().size() + " parents; expected one prewarm commit on "
                    + workspace.baseBranch() + ", run the shard again");
        }
        String parent = p.parents().get(0);
        if (parent.equals(workspace.baseCommit())) {
            return;
        }
        Optional<List<String>> moved = workspace.changedOnBaseSince(parent);
        if (moved.isEmpty()) {
            throw new ShardMergeException("merging shards: shard " + shard + "'s branch " + p.branch()
                    + " is not one prewarm commit on " + workspace.baseBranch() + " (its parent " + abbrev(parent)
                    + " is not on " + workspace.baseBranch() + "); run the shard again");
        }
        for (String path : moved.get()) {
            if (p.changes().contains(path)) {
                throw new ShardMergeException("merging shards: " + workspace.baseBranch() + " changed " + path
                        + " after shard " + shard + " planned on " + abbrev(parent) + "; run the shard again");
            }
        }
        Log.infof("shard %s planned on %s, %s is now %s: rebasing its %d files", shard, abbrev(parent),
                workspace.baseBranch(), abbrev(workspace.baseCommit()), p.changes().size());
    }

    private static String abbrev(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    /**
     * One result per service line of the shards' commit messages (the plan for updated services read back from
     * the combined plan file); services whose plan file changed without a line are UPDATED.
     */
    static List<ServiceResult> results(GitWorkspace workspace, List<String> lines, ChangeSet changes) {
        Map<ServiceKey, ServiceResult> out = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String[] parts = m.group(1).split("/", 2);
            ServiceKey key;
            try {
                key = ServiceKey.of(parts[0], parts[1]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            ServiceResult.Status status = ServiceResult.Status.valueOf(m.group(2));
            List<ReasonCode> reasons = new ArrayList<>();
            Matcher r = REASONS.matcher(m.group(3));
            if (r.find()) {
                for (String name : r.group(1).split(",\\s*")) {
                    try {
                        reasons.add(ReasonCode.valueOf(name.strip()));
                    } catch (IllegalArgumentException e) {
                        // a reason this version does not know: the table shows the others
                    }
                }
            }
            Matcher paren = PAREN.matcher(m.group(3));
            String message = status == ServiceResult.Status.FAILED || status == ServiceResult.Status.FROZEN
                    ? paren.find() ? paren.group(1) : status.name().toLowerCase() : "plan changed";
            out.put(key, service(key, status, reasons, message, changes));
        }
        for (String path : changes.paths()) {
            if (path.startsWith("generated/") && path.endsWith("/" + PlanFile.NAME)) {
                String[] p = path.split("/");
                if (p.length == 4) {
                    ServiceKey key = ServiceKey.of(p[1], p[2]);
                    out.computeIfAbsent(key, k -> service(k, ServiceResult.Status.UPDATED, List.of(), "plan changed",
                            changes));
                }
            }
        }
        return out.values().stream().sorted(java.util.Comparator.comparing(ServiceResult::key)).toList();
    }

    private static ServiceResult service(ServiceKey key, ServiceResult.Status status, List<ReasonCode> reasons,
                                         String message, ChangeSet changes) {
        String plan = PlanFile.path(key);
        Optional<CapacityPlan> read = changes.get(plan).flatMap(ChangeSet.Change::newContent)
                .map(t -> PlanFile.read(t, plan));
        List<String> files = changes.paths().stream().filter(f -> f.startsWith("generated/" + key.path() + "/")
                || f.startsWith("overrides/" + key.path() + "/") || f.startsWith("overrides/" + key.path() + ".")).toList();
        List<ReasonCode> all = new ArrayList<>(reasons);
        read.ifPresent(c -> c.reasons().stream().filter(x -> !all.contains(x)).forEach(all::add));
        return new ServiceResult(key, status, all, files, message, status == ServiceResult.Status.UPDATED ? read
                : Optional.empty(), 0, 0);
    }

    private static CommitMessage message(Instant now, List<ServiceResult> results, List<String> lines,
                                         List<String> trailers) {
        long changed = results.stream().filter(r -> r.status() == ServiceResult.Status.UPDATED
                || (!r.files().isEmpty() && r.status() != ServiceResult.Status.FAILED)).count();
        List<ServiceResult> one = results.stream().filter(r -> r.status() == ServiceResult.Status.UPDATED).toList();
        String subject = "prewarm: plan " + LocalDate.ofInstant(now, ZoneOffset.UTC) + " for "
                + (changed == 1 && one.size() == 1 ? one.get(0).key().toString() : changed + " services");
        StringBuilder body = new StringBuilder("Planned at ").append(now).append(".\n\n");
        lines.stream().sorted().forEach(l -> body.append(l).append('\n'));
        body.append('\n');
        trailers.forEach(t -> body.append(t).append('\n'));
        return new CommitMessage(subject, body.toString());
    }
}
