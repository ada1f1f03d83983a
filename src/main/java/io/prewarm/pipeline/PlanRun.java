package io.prewarm.pipeline;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.Forecast;
import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.MergeRequestOutcome;
import io.prewarm.gitops.MergeRequestPublisher;
import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.gitops.PublishResult;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.override.OverrideStore;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.CapacityHistory;
import io.prewarm.plan.PlanInput;
import io.prewarm.plan.PlanningWindow;
import io.prewarm.plan.ServicePlanning;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.RenderedFiles;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One {@code plan} run: for every policy, read history, forecast, plan and render (concurrently, with
 * bounded parallelism), then propose every successful service's files in one commit on
 * {@code prewarm/plan-<date>}. A failed service changes nothing of its own and leaves the others' results
 * intact (unless {@link Options#allOrNothing()}).
 */
public final class PlanRun {
    private final Stages stages;
    // gitops (docs/gitops.md): churn control and the merge request reviewers decide on
    private final ChurnControl churn;
    private final Optional<MergeRequestPublisher> mergeRequests;
    private final RunListener listener;
    // backtest of each changed service's policy over the last week, for the merge request (cli wires the replay)
    private final Optional<PolicyScorecard.Source> scorecards;
    private final int maxScorecards;

    /** A run with the default churn threshold that opens no merge request. */
    public PlanRun(Stages stages) {
        this(stages, ChurnControl.defaults(), Optional.empty(), RunListener.NONE);
    }

    /** A run that reports stage timings, plans and its outcome to {@code listener} (telemetry). */
    public PlanRun(Stages stages, RunListener listener) {
        this(stages, ChurnControl.defaults(), Optional.empty(), listener);
    }

    /**
     * @param churn         holds back plans that differ too little from the base branch's
     * @param mergeRequests where the proposal's description goes (GitLab, or stdout), if anywhere
     * @param listener      receives stage timings, plans and the outcome (telemetry)
     */
    public PlanRun(Stages stages, ChurnControl churn, Optional<MergeRequestPublisher> mergeRequests,
                   RunListener listener) {
        this(stages, churn, mergeRequests, listener, Optional.empty(), 0);
    }

    private PlanRun(Stages stages, ChurnControl churn, Optional<MergeRequestPublisher> mergeRequests,
                    RunListener listener, Optional<PolicyScorecard.Source> scorecards, int maxScorecards) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.churn = Objects.requireNonNull(churn, "churn");
        this.mergeRequests = Objects.requireNonNull(mergeRequests, "mergeRequests");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scorecards = Objects.requireNonNull(scorecards, "scorecards");
        if (maxScorecards < 0) {
            throw new IllegalArgumentException("scorecards must be at least 0, got " + maxScorecards);
        }
        this.maxScorecards = maxScorecards;
    }

    /**
     * The same run, whose merge request also shows the backtest scorecard of up to {@code max} changed
     * services' policies over the last week ({@code 0}: none).
     */
    public PlanRun withScorecards(PolicyScorecard.Source source, int max) {
        return new PlanRun(stages, churn, mergeRequests, listener, Optional.of(source), max);
    }

    /**
     * @param now          the planning instant
     * @param dryRun       render and diff, commit nothing
     * @param parallelism  services processed at once
     * @param allOrNothing commit nothing when any service fails
     */
    public record Options(Instant now, boolean dryRun, int parallelism, boolean allOrNothing, Shard shard,
                          boolean progress) {
        public Options {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(shard, "shard");
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
        }

        /** The whole fleet, no progress line. */
        public Options(Instant now, boolean dryRun, int parallelism, boolean allOrNothing) {
            this(now, dryRun, parallelism, allOrNothing, Shard.ALL, false);
        }
    }

    /** The proposal branch of a run: {@code prewarm/plan-<UTC date>}. */
    public static String branch(Instant now) {
        return "prewarm/plan-" + LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public RunSummary run(List<ServicePolicy> all, GitWorkspace workspace, Options options) {
        long t0 = System.nanoTime();
        List<ServicePolicy> policies = all.stream().filter(p -> options.shard().contains(p.key())).toList();
        if (policies.size() != all.size()) {
            Log.infof("shard %s plans %d of %d services", options.shard(), policies.size(), all.size());
        }
        try {
            RunSummary summary = runAll(policies, workspace, options, t0);
            notifyListener(() -> listener.runFinished(summary, since(t0)));
            return summary;
        } catch (RuntimeException | Error e) {
            notifyListener(() -> listener.runFailed(e, since(t0)));
            throw e;
        }
    }

    private RunSummary runAll(List<ServicePolicy> policies, GitWorkspace workspace, Options options, long t0) {
        List<Outcome> outcomes = planAll(policies, workspace, options);
        ChangeSet.Builder all = ChangeSet.builder();
        List<ServiceResult> results = new ArrayList<>();
        boolean anyFailed = outcomes.stream().anyMatch(o -> o.result.status() == ServiceResult.Status.FAILED);
        for (Outcome o : outcomes) {
            if (o.result.status() == ServiceResult.Status.FAILED || (anyFailed && options.allOrNothing())) {
                results.add(o.result.status() == ServiceResult.Status.FAILED ? o.result
                        : o.result.withStatus(ServiceResult.Status.NO_CHANGE, "not committed: another service failed "
                        + "and all-or-nothing is set"));
                continue;
            }
            all.addAll(o.changes);
            results.add(o.result);
        }
        ChangeSet changes = all.build();
        String branch = branch(options.now()) + options.shard().branchSuffix();
        Optional<String> diff = Optional.empty();
        Optional<String> commit = Optional.empty();
        boolean published = false;
        List<ServiceResult> proposed = List.copyOf(results); // before "already proposed" rewrites: the MR describes these
        if (options.dryRun()) {
            diff = Optional.of(changes.isEmpty() ? "" : workspace.diff(changes));
        } else if (!changes.isEmpty()) {
            long p0 = System.nanoTime();
            PublishResult pr;
            try {
                pr = workspace.propose(branch, changes, message(options.now(), results));
            } catch (RuntimeException e) {
                notifyListener(() -> listener.publishFailed(e));
                throw e;
            } finally {
                notifyListener(() -> listener.stageFinished(null, RunListener.Stage.PUBLISH, since(p0)));
            }
            notifyListener(() -> listener.published(pr));
            commit = pr.commit();
            published = pr.status() == PublishResult.Status.UPDATED;
            if (!published) {
                results = results.stream().map(r -> r.status() == ServiceResult.Status.UPDATED
                        ? r.withStatus(ServiceResult.Status.NO_CHANGE, "already proposed on " + branch) : r).toList();
            }
            Log.infof("published branch=%s status=%s commit=%s files=%d", branch, pr.status(),
                    pr.commit().orElse("-"), pr.changedFiles().size());
        }
        Optional<String> error = Optional.empty();
        if (mergeRequests.isPresent() && (commit.isPresent() || options.dryRun() && !changes.isEmpty())) {
            // The branch may already be pushed: a failure here is reported in the summary (with the branch and
            // the commit, for CI to act on), not thrown, so the caller can still print it.
            try {
                Scorecards.Outcome cards = scorecards.isEmpty() ? Scorecards.Outcome.NONE
                        : Scorecards.compute(scorecards.get(), maxScorecards, policies, proposed, options);
                MergeRequestOutcome mr = publishMergeRequest(mergeRequests.get(), outcomes, proposed, cards, workspace,
                        branch, commit, published, options);
                notifyListener(() -> listener.mergeRequestPublished(mr)); // telemetry
            } catch (RuntimeException e) {
                notifyListener(() -> listener.mergeRequestFailed(e)); // telemetry
                error = Optional.of(mergeRequestError(e));
                Log.errorf("%s (branch=%s commit=%s)", error.get(), branch, commit.orElse("-"));
            }
        }
        RunSummary summary = new RunSummary(options.now(), workspace.describe(), branch, commit, published,
                options.dryRun(), diff, results, error);
        Log.infof("plan run done services=%d updated=%d no_change=%d frozen=%d failed=%d seconds=%.1f",
                results.size(), summary.count(ServiceResult.Status.UPDATED), summary.count(ServiceResult.Status.NO_CHANGE),
                summary.count(ServiceResult.Status.FROZEN), summary.count(ServiceResult.Status.FAILED),
                (System.nanoTime() - t0) / 1e9);
        return summary;
    }

    /** "opening merge request: cause"; the publishers' messages are already scrubbed of tokens. */
    static String mergeRequestError(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.startsWith("opening merge request") ? msg : "opening merge request: " + msg;
    }

    private record Outcome(ServiceResult result, ChangeSet changes, Optional<PlanSnapshot> current) {
        Outcome(ServiceResult result, ChangeSet changes) {
            this(result, changes, Optional.empty());
        }
    }

    // gitops (docs/gitops.md): the description of what the branch holds, to GitLab or stdout. A new commit
    // refreshes an open merge request; an unchanged branch leaves it alone (no API write).
    private static MergeRequestOutcome publishMergeRequest(MergeRequestPublisher publisher, List<Outcome> outcomes,
                                            List<ServiceResult> results, Scorecards.Outcome cards,
                                            GitWorkspace workspace, String branch,
                                            Optional<String> commit, boolean published, Options options) {
        Map<ServiceKey, PlanSnapshot> current = new TreeMap<>();
        outcomes.forEach(o -> o.current().ifPresent(c -> current.put(o.result().key(), c)));
        MergeRequestDescription.Input in = new MergeRequestDescription.Input(options.now(), branch,
                workspace.baseBranch(), commit, results, current, cards.cards(), cards.gaps());
        return publisher.publish(new MergeRequestDraft(branch, workspace.baseBranch(), MergeRequestDescription.title(in),
                new MergeRequestDescription().render(in), List.of(), List.of(), List.of(), published));
    }

    /** The plan the base branch holds; a broken plan file is replaced by the next proposal rather than blocking it. */
    static Optional<PlanSnapshot> currentSnapshot(GitWorkspace workspace, ServiceKey key) {
        try {
            return workspace.read(PlanFile.path(key)).map(t -> PlanSnapshot.of(PlanFile.read(t, PlanFile.path(key))));
        } catch (RuntimeException e) {
            Log.warnf("ignoring unreadable plan snapshot service=%s: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    private List<Outcome> planAll(List<ServicePolicy> policies, GitWorkspace workspace, Options options) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), Math.max(1, policies.size())),
                r -> {
                    Thread t = new Thread(r, "prewarm-plan");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            Progress progress = new Progress(policies.size(), options.progress());
            for (ServicePolicy p : policies) {
                futures.add(pool.submit(() -> {
                    try {
                        return planOne(p, workspace, options.now(), branch(options.now()) + options.shard().branchSuffix());
                    } finally {
                        progress.done();
                    }
                }));
            }
            List<Outcome> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(failed(policies.get(i).key(), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(failed(policies.get(i).key(), e));
                }
            }
            progress.finish();
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A one-line progress report on a terminal (services done / total, rate, ETA), redrawn at most twice a second. */
    private static final class Progress {
        private final int total;
        private final boolean enabled;
        private final long start = System.nanoTime();
        private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        private volatile long lastDraw;

        Progress(int total, boolean enabled) {
            this.total = total;
            this.enabled = enabled;
        }

        void done() {
            int n = done.incrementAndGet();
            long now = System.nanoTime();
            if (!enabled || (now - lastDraw < 500_000_000L && n < total)) {
                return;
            }
            lastDraw = now;
            double seconds = (now - start) / 1e9;
            double rate = n / Math.max(seconds, 1e-3);
            long eta = Math.round((total - n) / Math.max(rate, 1e-9));
            synchronized (System.err) {
                System.err.printf("\rplanned %d/%d services (%.1f/s, ETA %ds)   ", n, total, rate, eta);
                System.err.flush();
            }
        }

        void finish() {
            if (enabled && total > 0) {
                System.err.println();
            }
        }
    }

    private static Outcome failed(ServiceKey key, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Log.errorf("planning failed service=%s: %s", key, msg);
        return new Outcome(new ServiceResult(key, ServiceResult.Status.FAILED, List.of(), List.of(), msg,
                Optional.empty(), 0, 0), ChangeSet.empty());
    }

    private Outcome planOne(ServicePolicy policy, GitWorkspace workspace, Instant now, String branch) {
        ServiceKey key = policy.key();
        try {
            long t = System.nanoTime();
            ServiceOverrides stored = OverrideStore.read(workspace, key);
            ServiceOverrides active = stored.activeAt(now);
            t = lap(key, RunListener.Stage.OVERRIDES, t);
            notifyListener(() -> listener.overridesRead(key, active));
            ChangeSet changes = ChangeSet.empty();
            List<ReasonCode> extra = new ArrayList<>();
            if (!stored.isEmpty() && !stored.equals(active)) {
                changes = ChangeSet.builder().put(OverrideStore.path(key), active.isEmpty() ? Optional.empty()
                        : Optional.of(OverrideStore.render(active))).build();
                extra.add(ReasonCode.EMERGENCY_EXPIRED);
            }
            if (active.freeze().isPresent()) {
                ServiceOverrides.Freeze f = active.freeze().get();
                String msg = "frozen at " + f.count() + " instances by " + f.actor() + " (" + f.id() + ")";
                Log.infof("skipping frozen service=%s id=%s", key, f.id());
                List<ReasonCode> reasons = new ArrayList<>(extra);
                reasons.add(ReasonCode.FROZEN);
                return new Outcome(new ServiceResult(key, ServiceResult.Status.FROZEN, reasons,
                        changedAgainstBase(workspace, changes), msg, Optional.empty(), 0, 0), changes);
            }
            PlanningWindow window = PlanningWindow.of(policy, now);
            TimeSeries history = stages.metrics().demand(policy, window.history());
            t = lap(key, RunListener.Stage.HISTORY, t);
            ServicePlanning planning = stages.planning();
            ServicePlanning.Forecasted forecasted = planning.forecast(policy, window, history);
            Forecast forecast = forecasted.forecast();
            t = lap(key, RunListener.Stage.FORECAST, t);
            Optional<PlanInput.EmergencyFloor> floor = active.scaleUp()
                    .map(s -> new PlanInput.EmergencyFloor(s.id(), s.min(), s.expiresAt()));
            CapacityPlan plan = planning.plan(forecasted, capacityHistory(policy, window.history(), history), floor)
                    .plan();
            t = lap(key, RunListener.Stage.PLAN, t);
            RenderedFiles rendered = stages.renderers().apply(policy.target().kind()).render(plan);
            lap(key, RunListener.Stage.RENDER, t);
            notifyListener(() -> listener.servicePlanned(key, history, forecast, plan));
            String folder = "generated/" + key.path() + "/";
            ChangeSet.Builder stale = ChangeSet.builder();
            workspace.list(folder).forEach(stale::delete);
            // the forecast summary and run details are for the console of serve (docs/console.md)
            ChangeSet.Builder fresh = ChangeSet.builder().writeAll(rendered.files())
                    .write(PlanFile.path(key), PlanFile.write(plan, forecast, new PlanFile.Run(now, branch)));
            for (Map.Entry<String, String> rules : stages.alertRules().apply(plan).files().entrySet()) {
                boolean empty = rules.getValue().lines().noneMatch(l -> l.strip().startsWith("- alert:"));
                fresh.put(rules.getKey(), empty ? Optional.empty() : Optional.of(rules.getValue()));
            }
            changes = changes.plus(stale.build()).plus(fresh.build());
            List<String> files = changedAgainstBase(workspace, changes);
            // gitops (docs/gitops.md): churn control, and the snapshot the next run compares against
            Optional<PlanSnapshot> current = currentSnapshot(workspace, key);
            String message = files.isEmpty() ? "plan unchanged" : "plan changed";
            if (!files.isEmpty()) {
                boolean terraform = files.stream().anyMatch(f -> f.endsWith(".tf") || f.endsWith(".tf.json"));
                ChurnControl.Decision d = churn.decide(current, PlanSnapshot.of(plan), terraform);
                if (d.propose()) {
                    message = "plan changed: " + d.reason();
                } else {
                    changes = changes.without(path -> path.startsWith(folder));
                    message = d.reason();
                    Log.infof("holding back plan service=%s: %s", key, d.reason());
                }
                files = changedAgainstBase(workspace, changes);
            }
            List<ReasonCode> reasons = new ArrayList<>(plan.reasons());
            extra.stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
            ServiceResult.Status status = files.isEmpty() ? ServiceResult.Status.NO_CHANGE : ServiceResult.Status.UPDATED;
            Log.infof("planned service=%s model=%s score=%.3f peak=%d actions=%d files_changed=%d missing=%d",
                    key, plan.forecastModel(), plan.forecastScore(), plan.peakCapacity(), plan.actions().size(),
                    files.size(), history.missing());
            return new Outcome(new ServiceResult(key, status, reasons, files, message,
                    Optional.of(plan), history.size(), history.missing()), changes, current);
        } catch (RuntimeException e) {
            return failed(key, e);
        }
    }

    // Telemetry observes the run; it must never change its outcome.
    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            Log.warnf("run listener failed: %s", e.getMessage());
        }
    }

    private long lap(ServiceKey key, RunListener.Stage stage, long startNanos) {
        long end = System.nanoTime();
        notifyListener(() -> listener.stageFinished(key, stage, Duration.ofNanos(end - startNanos)));
        return end;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Without a capacity per instance in the policy, the planner learns it from the demand, the instance
     * count and the p95 latency of the same window (the validator made sure both queries exist).
     */
    private Optional<CapacityHistory> capacityHistory(ServicePolicy policy, TimeWindow window, TimeSeries demand) {
        if (policy.capacity().perInstance().isPresent()) {
            return Optional.empty();
        }
        String instanceQuery = policy.demand().instanceQuery().orElseThrow();
        String latencyQuery = policy.indicators().latencyP95Query().orElseThrow();
        TimeSeries instances = stages.metrics().series(policy, instanceQuery, window);
        TimeSeries latency = stages.metrics().series(policy, latencyQuery, window);
        return Optional.of(new CapacityHistory(demand.values(), instances.values(), latency.values(),
                policy.indicators().latencyObjective().orElseThrow()));
    }

    /** The paths in {@code changes} whose content differs from the base branch. */
    private static List<String> changedAgainstBase(GitWorkspace workspace, ChangeSet changes) {
        List<String> out = new ArrayList<>();
        for (ChangeSet.Change c : changes.entries()) {
            if (!workspace.read(c.path()).equals(c.newContent())) {
                out.add(c.path());
            }
        }
        return out;
    }

    private static CommitMessage message(Instant now, List<ServiceResult> results) {
        List<ServiceResult> changed = results.stream().filter(r -> r.status() == ServiceResult.Status.UPDATED
                || (!r.files().isEmpty() && r.status() != ServiceResult.Status.FAILED)).toList();
        String subject = "prewarm: plan " + LocalDate.ofInstant(now, ZoneOffset.UTC) + " for "
                + (changed.size() == 1 ? changed.get(0).key().toString() : changed.size() + " services");
        StringBuilder body = new StringBuilder();
        body.append("Planned at ").append(now).append(".\n\n");
        for (ServiceResult r : results) {
            body.append("- ").append(r.key()).append(": ").append(r.status().name());
            r.plan().ifPresent(p -> body.append(", peak ").append(p.peakCapacity()).append(" instances, ")
                    .append(p.actions().size()).append(" actions, model ").append(p.forecastModel()));
            if (!r.reasons().isEmpty()) {
                body.append(", reasons ").append(r.reasons().stream().map(Enum::name).sorted().toList());
            }
            if (r.status() == ServiceResult.Status.FAILED || r.status() == ServiceResult.Status.FROZEN) {
                body.append(" (").append(r.message()).append(')');
            }
            body.append('\n');
        }
        return new CommitMessage(subject, body.toString());
    }
}
