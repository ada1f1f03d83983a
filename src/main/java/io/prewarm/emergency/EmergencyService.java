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
 * clone (fetch and reset before each write), is committed and pushed to the base branch before its future
 * completes, and is deduplicated by idempotency key: a repeat gets the first answer, a concurrent duplicate
 * waits for the same one, a key reused with another request is refused. Keys, the digests of the requests
 * that gave them and the digests of accepted signatures survive restarts and reach other replicas because
 * every commit names them in trailers.
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
                           EmergencyState state, Map<String, Keyed> keys, Map<String, String> signatures) {
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
                new ConcurrentHashMap<>());
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
            if (first.digest().isPresent() && action.requestDigest().isPresent()
                    && !first.digest().get().equals(action.requestDigest().get())) {
                String given = key.startsWith("key/") && key.indexOf('/', 4) > 0 ? key.substring(key.indexOf('/', 4) + 1) : key;
                throw new ApiException(422, "Idempotency-Key", "Idempotency-Key: '" + given + "' was already used with "
                        + "a different request; send a new key for a new request (a retry must repeat the same body)");
            }
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
        CompletableFuture<ActionResult> committed = CompletableFuture.supplyAsync(() -> commit(r, policy, a), r.writer);
        return committed.thenCompose(res -> res.commit() == null
                ? CompletableFuture.completedFuture(res)
                : CompletableFuture.supplyAsync(() -> res.withPipeline(trigger(r, res)), r.triggers));
    }

    /** On the writer thread: prepare against the newest head, commit, push; retried by the workspace. */
    private ActionResult commit(Running r, ServicePolicy policy, Action a) {
        long t0 = System.nanoTime();
        Instant now = r.clock.instant();
        String id = r.ids.get();
        OptionalInt observed = OptionalInt.empty();
        boolean needsCount = a.kind() == Action.Kind.FREEZE
                || (a.kind() == Action.Kind.SCALE_UP && a.target().isEmpty());
        if (needsCount && policy.demand().instanceQuery().isPresent()) {
            try {
                observed = r.counter.current(policy);
            } catch (RuntimeException e) {
                Log.warnf("reading the current count failed service=%s: %s", a.key(), e.getMessage());
            }
        }
        OptionalInt seen = observed;
        OverrideChange.Prepared[] last = new OverrideChange.Prepared[1];
        PublishResult pr = r.workspace.commitToBase(snap -> {
            a.signed().ifPresent(s -> refuseRecorded(r, s)); // another replica may have committed it meanwhile
            last[0] = r.change.prepare(snap, policy, a, id, now, seen);
            return last[0].change();
        }, r.pushAttempts);
        ActionResult res = last[0].result();
        if (pr.status() == PublishResult.Status.UPDATED) {
            res = res.withCommit(pr.commit().orElseThrow());
            r.state.commit(id, res.commit());
        } else {
            res = res.withStatus("NO_CHANGE", res.message());
        }
        r.state.put(a.key(), last[0].after());
        a.signed().ifPresent(s -> r.signatures.putIfAbsent(s.digest(), s.request()));
        Log.infof("emergency action=%s id=%s service=%s status=%s commit=%s ms=%d", a.kind().id(), id, a.key(),
                res.status(), res.commit() == null ? "-" : res.commit(), (System.nanoTime() - t0) / 1_000_000);
        return res;
    }

    /** On the writer thread, against the head just fetched: 401 when the newest commits record the signature. */
    private static void refuseRecorded(Running r, SignedRequest s) {
        for (Map.Entry<String, String> c : r.workspace.baseLog(SIGNATURE_SCAN)) {
            Optional<SignedRequest> recorded = Trailers.parse(c.getKey(), c.getValue()).flatMap(Trailers.Recovered::signed);
            if (recorded.isPresent()) {
                r.signatures.putIfAbsent(recorded.get().digest(), recorded.get().request());
                if (recorded.get().digest().equals(s.digest()) && !recorded.get().request().equals(s.request())) {
                    throw Authenticator.replayed();
                }
            }
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
            Trailers.parse(c.getKey(), c.getValue()).ifPresent(rec -> {
                r.state.commit(rec.actionId(), c.getKey());
                if (rec.idempotencyKey().isPresent() && rec.answer().isPresent()) {
                    r.keys.putIfAbsent(rec.idempotencyKey().get(), new Keyed(CompletableFuture.completedFuture(
                            rec.answer().get()), rec.requestDigest()));
                }
                rec.signed().ifPresent(sr -> r.signatures.putIfAbsent(sr.digest(), sr.request()));
            });
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
