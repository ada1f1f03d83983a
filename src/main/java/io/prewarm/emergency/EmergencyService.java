package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.PipelineTrigger;
import io.prewarm.gitops.PublishResult;
import io.prewarm.override.OverrideStore;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.TerraformBackend;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The emergency service behind the webhook. Every write runs on one writer thread against one long-lived
 * clone (fetch and reset before each commit), is committed and pushed to the base branch before its future
 * completes, and is deduplicated by idempotency key: a repeat gets the first answer, a concurrent duplicate
 * waits for the same one, a key reused with another request is refused. Writes are group committed: the
 * actions accepted while a push is in flight go together into the next commit, one trailer group each. Keys,
 * the digests of the requests that gave them and the digests of accepted signatures survive restarts and
 * reach other replicas because every commit names them in trailers; before each commit the writer reads the
 * commits that arrived since, so an action another replica already committed (same key) is answered from
 * its commit instead of being written twice.
 */
@ApplicationScoped
public class EmergencyService {
    /** Commits read back at start to rebuild idempotency keys. */
    static final int HISTORY = 20_000;

    /**
     * Commits of the base branch read before committing a signed action, for a replica's record of the same
     * signature: far more than can land within the signature window at the webhook's rate limits.
     */
    static final int SIGNATURE_SCAN = 500;

    /**
     * Seconds a batch whose pushes keep being rejected (other replicas winning every race) is tried again,
     * counted from its oldest action, before its actions are answered 503.
     */
    static final int RETRY_FOR_SECONDS = 20;

    /** Most actions one commit carries by default; more wait for the next one. */
    static final int MAX_BATCH = 50;

    private volatile int maxBatch = MAX_BATCH;
    private volatile Running running;
    private volatile Phase phase = Phase.STARTING;
    private volatile String failure = "";

    /**
     * Why there is no running service. The HTTP listener is on only under {@code serve}, so before
     * {@link #start} the webhook is starting; it fails when the repository is not configured or unreadable.
     */
    private enum Phase { STARTING, FAILED, STOPPED }
    private volatile TerraformBackend backend = TerraformBackend.of(TerraformBackend.DEFAULT);

    /** Everything a started service holds. */
    private record Running(GitWorkspace workspace, String baseBranch, Map<ServiceKey, ServicePolicy> policies, InstanceCounter counter,
                           PipelineTrigger trigger, Clock clock, Supplier<String> ids, int pushAttempts,
                           ScheduledExecutorService writer, ExecutorService triggers, OverrideChange change,
                           EmergencyState state, Map<String, Keyed> keys, Map<String, String> signatures, Queue queue,
                           int maxBatch) {
    }

    /**
     * The actions waiting for the writer (group commit), and what the writer learnt from the history: the
     * idempotency keys other commits recorded, and the head read up to.
     */
    private static final class Queue {
        final java.util.concurrent.ConcurrentLinkedDeque<Pending> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();
        final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        final Map<String, Keyed> recorded = new ConcurrentHashMap<>();
        volatile String scanned;
    }

    /** An accepted action waiting for the commit that will carry it. */
    private record Pending(Action action, ServicePolicy policy, CompletableFuture<ActionResult> answer, long accepted) {
    }

    /** The answer an idempotency key got (or will get), and the digest of the request that first gave it. */
    private record Keyed(CompletableFuture<ActionResult> answer, Optional<String> digest) {
    }

    /** A submitted action: its future answer, and whether it repeats an earlier action. */
    public record Submitted(CompletableFuture<ActionResult> answer, boolean replayed) {
    }

    /**
     * Starts serving: reads the state and the idempotency keys from the repository's history.
     *
     * @param workspace    the long-lived clone; owned from now on (closed by {@link #stop()})
     * @param baseBranch   the branch the workspace commits to (the pipeline is triggered on it)
     * @param policies     the known services
     * @param counter      current instance counts (Prometheus), or {@link InstanceCounter#none()}
     * @param trigger      the CI pipeline trigger, or {@link PipelineTrigger#none(String)}
     * @param clock        the time source
     * @param ids          action ids ({@link #randomIds()} in production)
     * @param pushAttempts attempts when a push is rejected
     * @param refreshEvery seconds between re-reads of the state written by others (0: never)
     */
    public synchronized void start(GitWorkspace workspace, String baseBranch, List<ServicePolicy> policies, InstanceCounter counter,
                                   PipelineTrigger trigger, Clock clock, Supplier<String> ids, int pushAttempts,
                                   long refreshEvery) {
        stop();
        phase = Phase.STARTING;
        Map<ServiceKey, ServicePolicy> byKey = new LinkedHashMap<>();
        policies.forEach(p -> byKey.put(p.key(), p));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "prewarm-writer"));
        ExecutorService triggers = Executors.newFixedThreadPool(2, r -> daemon(r, "prewarm-trigger"));
        Running r = new Running(workspace, baseBranch, Map.copyOf(byKey), counter, trigger, clock, ids, pushAttempts, writer,
                triggers, new OverrideChange(new Renderers(backend)), new EmergencyState(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new Queue(), maxBatch);
        try {
            writer.submit(() -> refresh(r, true)).get();
        } catch (Exception e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            failed(why);
            writer.shutdownNow();
            triggers.shutdownNow();
            throw new IllegalStateException("starting the emergency service: " + why, e);
        }
        if (refreshEvery > 0) {
            writer.scheduleWithFixedDelay(() -> {
                try {
                    refresh(r, false);
                } catch (RuntimeException e) {
                    Log.warnf("refreshing emergency state failed: %s", e.getMessage());
                }
            }, refreshEvery, refreshEvery, TimeUnit.SECONDS);
        }
        running = r;
        Log.infof("emergency service ready repo=%s services=%d keys=%d active=%d pipeline=%s", workspace.describe(),
                byKey.size(), r.keys.size(), r.state.active(clock.instant()).size(), trigger.configured() ? "gitlab" : "none");
    }

    /** Stops the writer (after the write in progress) and closes the clone. */
    @PreDestroy
    public synchronized void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        phase = Phase.STOPPED;
        r.writer.shutdown();
        try {
            r.writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.triggers.shutdownNow();
        r.workspace.close();
    }

    /** The overrides this service last stored for {@code key}. */
    ServiceOverrides stored(ServiceKey key) {
        Running r = running;
        return r == null ? ServiceOverrides.none() : r.state.get(key);
    }

    /**
     * Most actions one commit carries ({@code prewarm.emergency.group-commit-max}); 1 writes one commit per
     * action, as before group commit. Set before {@link #start}.
     */
    public void groupCommitMax(int max) {
        if (max < 1 || max > 500) {
            throw new IllegalArgumentException("prewarm.emergency.group-commit-max: must be 1..500, got " + max);
        }
        maxBatch = max;
    }

    /** Where the webhook reports requests and applied actions (telemetry); set by {@code serve}. */
    public void reportTo(io.prewarm.pipeline.EmergencyEvents events) {
        EventReporter.use(events);
    }

    /**
     * The state backend written into every root an action re-renders (set by {@code serve} before
     * {@link #start} from {@code prewarm.terraform.backend}, the same as {@code plan} uses).
     */
    public void renderBackend(TerraformBackend backend) {
        this.backend = java.util.Objects.requireNonNull(backend, "backend");
    }

    public boolean ready() {
        return running != null;
    }

    /** Marks the service as starting: {@code serve} is cloning and reading the GitOps repository. */
    public void starting() {
        phase = Phase.STARTING;
    }

    /**
     * Marks the service as failed to start: no repository is configured or it could not be read.
     *
     * @param why the cause, without secrets (GitOps messages redact credentials)
     */
    public void failed(String why) {
        failure = why == null ? "" : why;
        phase = Phase.FAILED;
    }

    private Running running() {
        Running r = running;
        if (r == null) {
            throw new ApiException(503, null, switch (phase) {
                case STARTING -> "the emergency webhook is still cloning and reading the GitOps repository; "
                        + "retry in a few seconds (GET /q/health/ready answers 200 once it is ready)";
                case FAILED -> "the emergency webhook has no usable GitOps repository, nothing can be applied: "
                        + failure + " (fix prewarm serve --repo and restart serve)";
                case STOPPED -> "the emergency webhook is stopped (the server is shutting down)";
            });
        }
        return r;
    }

    /** The policy of a known service; 404 for an unknown environment or service. */
    public ServicePolicy policy(ServiceKey key) {
        Running r = running();
        ServicePolicy p = r.policies.get(key);
        if (p == null) {
            boolean envKnown = r.policies.keySet().stream().anyMatch(k -> k.environment().equals(key.environment()));
            throw new ApiException(404, envKnown ? "service" : "environment", (envKnown ? "unknown service " + key
                    : "unknown environment " + key.environment().value()) + ": no policy for it");
        }
        return p;
    }

    /** The active freezes and scale-ups. */
    public List<EmergencyState.Entry> active() {
        Running r = running();
        return r.state.active(r.clock.instant());
    }

    /**
     * What the operator console shows, from memory (never from Git): the known services, the overrides in
     * force, each service's committed plan file and the newest plan commit on the base branch.
     *
     * @param now        the service's clock
     * @param policies   the known services, sorted by environment and service
     * @param active     the active freezes and scale-ups
     * @param planFiles  each service's {@code prewarm-plan.json} text, when it has one
     * @param lastPlan   the newest commit on the base branch that came from a plan run, if any
     * @param pipelines  whether accepted actions trigger a CI pipeline
     */
    public record Overview(Instant now, List<ServicePolicy> policies, List<EmergencyState.Entry> active,
                           Map<ServiceKey, String> planFiles, Optional<PlanCommits.PlanCommit> lastPlan,
                           boolean pipelines) {
    }

    public Overview overview() {
        Running r = running();
        List<ServicePolicy> sorted = r.policies.values().stream()
                .sorted(java.util.Comparator.comparing(ServicePolicy::key)).toList();
        return new Overview(r.clock.instant(), sorted, r.state.active(r.clock.instant()), r.state.planFiles(),
                r.state.lastPlan(), r.trigger.configured());
    }

    /** The id of the action a completed earlier request with this idempotency key took, if any. */
    public Optional<String> actionIdFor(String idempotencyKey) {
        Keyed k = running().keys.get(idempotencyKey);
        CompletableFuture<ActionResult> f = k == null ? null : k.answer();
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join().id()) : Optional.empty();
    }

    /**
     * Refuses (401) a signed request whose signature an earlier action recorded in the commit trailers: the
     * replay of a request this process never saw (it restarted, or another replica took it).
     */
    public void refuseReplay(Caller caller) {
        caller.signed().ifPresent(s -> refuseKnown(running(), s));
    }

    private static void refuseKnown(Running r, SignedRequest s) {
        String first = r.signatures.get(s.digest());
        if (first != null && !first.equals(s.request())) {
            throw Authenticator.replayed();
        }
    }

    /**
     * Submits an action; repeats of an idempotency key get the first answer, unless the key came with another
     * request (422, as Stripe answers).
     */
    public Submitted submit(Action action) {
        Running r = running();
        ServicePolicy policy = policy(action.key());
        action.signed().ifPresent(s -> refuseKnown(r, s));
        if (action.idempotencyKey().isEmpty()) {
            return new Submitted(write(r, policy, action), false);
        }
        String key = action.idempotencyKey().get();
        CompletableFuture<ActionResult> mine = new CompletableFuture<>();
        Keyed entry = new Keyed(mine, action.requestDigest());
        Keyed first = r.keys.putIfAbsent(key, entry);
        if (first != null) {
            refuseOtherRequest(key, first, action);
            return new Submitted(first.answer(), true);
        }
        write(r, policy, action).whenComplete((ok, err) -> {
            if (err != null) {
                r.keys.remove(key, entry); // a failed action wrote nothing: a retry must be able to try again
                mine.completeExceptionally(err);
            } else {
                mine.complete(ok);
            }
        });
        return new Submitted(mine, false);
    }

    private CompletableFuture<ActionResult> write(Running r, ServicePolicy policy, Action a) {
        CompletableFuture<ActionResult> committed = new CompletableFuture<>();
        r.queue.pending.add(new Pending(a, policy, committed, System.nanoTime()));
        schedule(r);
        return committed.thenCompose(res -> res.commit() == null
                ? CompletableFuture.completedFuture(res)
                : CompletableFuture.supplyAsync(() -> res.withPipeline(trigger(r, res)), r.triggers));
    }

    /** Makes sure one drain of the queue is on its way to the writer thread. */
    private static void schedule(Running r) {
        if (!r.queue.scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            r.writer.execute(() -> drain(r));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            r.queue.scheduled.set(false);
            ApiException stopped = new ApiException(503, null, "the emergency webhook is stopped (the server is shutting down)");
            for (Pending p; (p = r.queue.pending.poll()) != null; ) {
                p.answer().completeExceptionally(stopped);
            }
        }
    }

    /**
     * On the writer thread: takes every action queued while the previous push was in flight (at most
     * {@code group-commit-max}) and writes them in one commit and one push (group commit).
     */
    private static void drain(Running r) {
        r.queue.scheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < r.maxBatch && (p = r.queue.pending.poll()) != null; ) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            try {
                commit(r, batch);
            } catch (io.prewarm.gitops.PushRejectedException e) {
                // another replica kept winning the race: this batch goes first again, until it has waited too long
                if (System.nanoTime() - batch.get(0).accepted() < TimeUnit.SECONDS.toNanos(RETRY_FOR_SECONDS)) {
                    Log.infof("emergency push rejected %d times, retrying batch=%d", r.pushAttempts, batch.size());
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        r.queue.pending.addFirst(batch.get(i));
                    }
                } else {
                    batch.forEach(p -> p.answer().completeExceptionally(e));
                }
            } catch (RuntimeException e) {
                batch.forEach(p -> p.answer().completeExceptionally(e)); // no effect on those already answered
            }
        }
        if (!r.queue.pending.isEmpty()) {
            schedule(r);
        }
    }

    /** An action of a batch with its id and the count observed for it. */
    private record Slot(Pending pending, String id, OptionalInt observed) {
    }

    /**
     * On the writer thread: prepares every action of the batch in order against the newest head (each seeing
     * the ones before it), commits them together and pushes; a rejected push is fetched and prepared again by
     * the workspace. An action that fails (409 frozen, 401 replayed, 422) is left out and answered alone; an
     * action whose idempotency key another replica committed meanwhile gets that commit's answer.
     */
    private static void commit(Running r, List<Pending> batch) {
        long t0 = System.nanoTime();
        Instant now = r.clock.instant();
        List<Slot> slots = new ArrayList<>();
        for (Pending p : batch) {
            slots.add(new Slot(p, r.ids.get(), observe(r, p)));
        }
        Map<Slot, Object> outcome = new java.util.HashMap<>(); // Prepared, a recorded ActionResult or the exception
        PublishResult pr = r.workspace.commitToBase(snap -> {
            learn(r, snap.commit());
            outcome.clear();
            OverlaySnapshot view = new OverlaySnapshot(snap);
            List<OverrideChange.Prepared> changed = new ArrayList<>();
            Map<io.prewarm.common.ServiceKey, io.prewarm.override.ServiceOverrides> touched = new LinkedHashMap<>();
            for (Slot s : slots) {
                Action a = s.pending().action();
                try {
                    a.signed().ifPresent(x -> refuseKnown(r, x)); // another replica may have committed it meanwhile
                    Optional<ActionResult> done = recordedAnswer(r, a);
                    if (done.isPresent()) {
                        outcome.put(s, done.get());
                        continue;
                    }
                    OverrideChange.Prepared pp = r.change.prepare(view, s.pending().policy(), a, s.id(), now,
                            s.observed(), false);
                    pp.change().ifPresent(c -> {
                        view.apply(c.changes());
                        changed.add(pp);
                        touched.put(a.key(), pp.after());
                    });
                    outcome.put(s, pp);
                } catch (RuntimeException e) {
                    outcome.put(s, e);
                }
            }
            // each service's Terraform once, under the overrides the batch leaves it with
            touched.forEach((key, after) -> view.apply(r.change.terraform(view, key, after)));
            return changed.isEmpty() ? Optional.empty()
                    : Optional.of(new GitWorkspace.BaseChange(view.changes(), OverrideChange.message(changed)));
        }, r.pushAttempts);
        String commit = pr.status() == PublishResult.Status.UPDATED ? pr.commit().orElseThrow() : null;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (Slot s : slots) {
            Action a = s.pending().action();
            Object o = outcome.get(s);
            if (o instanceof RuntimeException e) {
                s.pending().answer().completeExceptionally(e);
                continue;
            }
            ActionResult res;
            if (o instanceof ActionResult recorded) {
                res = recorded;
            } else {
                OverrideChange.Prepared pp = (OverrideChange.Prepared) o;
                res = pp.result();
                if (pp.change().isPresent() && commit != null) {
                    res = res.withCommit(commit);
                    r.state.commit(s.id(), commit);
                } else if (pp.change().isPresent()) {
                    res = res.withStatus("NO_CHANGE", res.message()); // the batch's actions cancelled each other out
                }
                r.state.put(a.key(), pp.after());
                a.signed().ifPresent(x -> r.signatures.putIfAbsent(x.digest(), x.request()));
            }
            Log.infof("emergency action=%s id=%s service=%s status=%s commit=%s ms=%d batch=%d", a.kind().id(), res.id(),
                    a.key(), res.status(), res.commit() == null ? "-" : res.commit(), ms, slots.size());
            s.pending().answer().complete(res);
        }
    }

    /** The current count, read before committing, for a freeze or a scale-up by step. */
    private static OptionalInt observe(Running r, Pending p) {
        Action a = p.action();
        boolean needsCount = a.kind() == Action.Kind.FREEZE
                || (a.kind() == Action.Kind.SCALE_UP && a.target().isEmpty());
        if (needsCount && p.policy().demand().instanceQuery().isPresent()) {
            try {
                return r.counter.current(p.policy());
            } catch (RuntimeException e) {
                Log.warnf("reading the current count failed service=%s: %s", a.key(), e.getMessage());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * On the writer thread, against the head just fetched: reads the commits since the head read last time
     * (another replica's, the plan job's, this process's) for the signatures and idempotency keys they record.
     */
    private static void learn(Running r, String head) {
        if (head.equals(r.queue.scanned)) {
            return;
        }
        for (Map.Entry<String, String> c : r.workspace.baseLogSince(Optional.ofNullable(r.queue.scanned), SIGNATURE_SCAN)) {
            for (Trailers.Recovered rec : Trailers.parseAll(c.getKey(), c.getValue())) {
                remember(r, c.getKey(), rec);
            }
        }
        r.queue.scanned = head;
    }

    private static void remember(Running r, String commit, Trailers.Recovered rec) {
        r.state.commit(rec.actionId(), commit);
        if (rec.idempotencyKey().isPresent() && rec.answer().isPresent()) {
            Keyed k = new Keyed(CompletableFuture.completedFuture(rec.answer().get()), rec.requestDigest());
            r.queue.recorded.putIfAbsent(rec.idempotencyKey().get(), k);
            r.keys.putIfAbsent(rec.idempotencyKey().get(), k);
        }
        rec.signed().ifPresent(sr -> r.signatures.putIfAbsent(sr.digest(), sr.request()));
    }

    /** The answer a commit records for the action's idempotency key (another replica took it first), if any. */
    private static Optional<ActionResult> recordedAnswer(Running r, Action a) {
        Keyed k = a.idempotencyKey().map(r.queue.recorded::get).orElse(null);
        if (k == null) {
            return Optional.empty();
        }
        refuseOtherRequest(a.idempotencyKey().get(), k, a);
        return Optional.of(k.answer().join());
    }

    /** 422 when an idempotency key first came with another request. */
    private static void refuseOtherRequest(String key, Keyed first, Action action) {
        if (first.digest().isPresent() && action.requestDigest().isPresent()
                && !first.digest().get().equals(action.requestDigest().get())) {
            String given = key.startsWith("key/") && key.indexOf('/', 4) > 0 ? key.substring(key.indexOf('/', 4) + 1) : key;
            throw new ApiException(422, "Idempotency-Key", "Idempotency-Key: '" + given + "' was already used with "
                    + "a different request; send a new key for a new request (a retry must repeat the same body)");
        }
    }

    private static ActionResult.Pipeline trigger(Running r, ActionResult res) {
        PipelineTrigger.Outcome o = r.trigger.trigger(r.baseBranch, Map.of(
                "PREWARM_EMERGENCY_ID", res.id(),
                "PREWARM_ENVIRONMENT", res.environment(),
                "PREWARM_SERVICE", res.service(),
                "PREWARM_PATH", "generated/" + res.environment() + "/" + res.service()));
        if (o.status() == PipelineTrigger.Status.FAILED) {
            Log.warnf("pipeline trigger failed id=%s: %s", res.id(), o.message());
        }
        return new ActionResult.Pipeline(o.status().name(), o.id().orElse(null), o.webUrl().orElse(null), o.message());
    }

    /** Re-reads every known service's overrides and, at start, the keys and commits of earlier actions. */
    private static void refresh(Running r, boolean history) {
        GitWorkspace.BaseSnapshot snap = r.workspace.fetchBase();
        for (ServiceKey key : r.policies.keySet()) {
            r.state.put(key, OverrideStore.read(snap, key));
            r.state.planFile(key, snap.read(io.prewarm.pipeline.PlanFile.path(key))); // for the console
        }
        if (history) {
            try {
                r.change.warmUp(snap, r.policies.keySet(), r.clock.instant());
            } catch (RuntimeException e) {
                Log.warnf("warming up the renderers failed: %s", e.getMessage());
            }
        }
        List<Map.Entry<String, String>> log = r.workspace.baseLog(history ? HISTORY : 200);
        PlanCommits.newest(log).ifPresent(r.state::lastPlan);
        for (Map.Entry<String, String> c : log) {
            for (Trailers.Recovered rec : Trailers.parseAll(c.getKey(), c.getValue())) {
                r.state.commit(rec.actionId(), c.getKey());
                if (rec.idempotencyKey().isPresent() && rec.answer().isPresent()) {
                    r.keys.putIfAbsent(rec.idempotencyKey().get(), new Keyed(CompletableFuture.completedFuture(
                            rec.answer().get()), rec.requestDigest()));
                }
                rec.signed().ifPresent(sr -> r.signatures.putIfAbsent(sr.digest(), sr.request()));
            }
        }
        if (history) {
            r.queue.scanned = snap.commit(); // what the writer reads from now on is what came after
        }
    }

    /** Action ids: {@code em-<time base36>-<random hex>}, unique across restarts and replicas. */
    public static Supplier<String> randomIds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[3];
            random.nextBytes(b);
            return "em-" + Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(b);
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    Clock clock() {
        return running().clock;
    }
}
