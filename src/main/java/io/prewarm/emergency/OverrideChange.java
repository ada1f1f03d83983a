package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;
import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.override.OverrideStore;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.PlanFile;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.Renderers;
import io.prewarm.render.TerraformRenderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns an action into the files to commit, given the newest state of the base branch: the service's
 * override file and its Terraform re-rendered from the committed plan file with the freeze or floor
 * applied (no forecasting, milliseconds). Pure apart from reading the snapshot, so a rejected push can
 * simply compute it again on the new head.
 */
final class OverrideChange {
    /** A freeze without expiry still needs a release date in Terraform; this one never comes in practice. */
    static final Instant OPEN_ENDED = Instant.parse("2099-12-31T00:00:00Z");

    /** Scheduled actions the renderers add for an override (start and release). */
    static final int OVERRIDE_ACTIONS = 2;

    private final Renderers renderers;

    OverrideChange(Renderers renderers) {
        this.renderers = renderers;
    }

    /** What to commit (empty: nothing), the answer without commit, and the overrides afterwards. */
    record Prepared(Optional<GitWorkspace.BaseChange> change, ActionResult result, ServiceOverrides after) {
    }

    Prepared prepare(GitWorkspace.BaseSnapshot snap, ServicePolicy policy, Action a, String id, Instant now,
                     OptionalInt observed) {
        return prepare(snap, policy, a, id, now, observed, true);
    }

    /**
     * @param render whether the change holds the service's re-rendered Terraform too; a group commit leaves it
     *               out and renders each service once for the batch ({@link #terraform(GitWorkspace.BaseSnapshot,
     *               ServiceKey, ServiceOverrides)})
     */
    Prepared prepare(GitWorkspace.BaseSnapshot snap, ServicePolicy policy, Action a, String id, Instant now,
                     OptionalInt observed, boolean render) {
        ServiceKey key = a.key();
        ServiceOverrides stored = OverrideStore.read(snap, key);
        ServiceOverrides active = stored.activeAt(now);
        Optional<CapacityPlan> plan = plan(snap, key);
        ServiceOverrides after;
        Integer count = null;
        Integer requested = null;
        String source = null;
        List<ActionResult.Clamp> clamps = new ArrayList<>();
        Instant expires = null;
        String what;
        switch (a.kind()) {
            case SCALE_UP -> {
                if (active.freeze().isPresent()) {
                    throw new ApiException(409, null, key + " is frozen by " + active.freeze().get().id()
                            + "; unfreeze it before scaling up");
                }
                int current;
                if (a.target().isPresent()) {
                    requested = a.target().getAsInt();
                    source = "request";
                } else {
                    if (observed.isPresent()) {
                        current = observed.getAsInt();
                        source = "prometheus";
                    } else if (a.count().isPresent()) {
                        current = a.count().getAsInt();
                        source = "request";
                    } else if (active.scaleUp().isPresent()) {
                        current = active.scaleUp().get().min();
                        source = "override";
                    } else if (plan.isPresent()) {
                        current = planned(plan.get());
                        source = "plan";
                    } else {
                        throw ApiException.invalid("current", "the current count is unknown (no instanceQuery, "
                                + "no plan file): give target or current");
                    }
                    requested = a.step().orElseThrow().apply(current);
                }
                int policyMax = plan.map(p -> p.limits().policyMax()).orElse(policy.capacity().max());
                count = requested;
                if (count > policyMax) {
                    count = policyMax;
                    clamps.add(new ActionResult.Clamp("max", policyMax));
                }
                if (plan.isPresent() && count > plan.get().limits().safetyCap()) {
                    count = plan.get().limits().safetyCap();
                    clamps.add(new ActionResult.Clamp("safetyCap", count));
                }
                expires = now.plus(a.ttl().orElseThrow());
                // NO_CHANGE only when the floor in force already covers the request: as high and lasting as long;
                // otherwise the request replaces it as asked (a lower floor with a later expiry too)
                if (active.scaleUp().isPresent() && active.scaleUp().get().min() >= count
                        && !active.scaleUp().get().expiresAt().isBefore(expires)) {
                    ServiceOverrides.ScaleUp in = active.scaleUp().get();
                    return unchanged(a, id, now, stored, in.min(), requested, source, clamps, in.expiresAt(),
                            "already in force: scale-up " + in.id() + " keeps at least " + in.min()
                                    + " instances until " + in.expiresAt());
                }
                after = active.withScaleUp(Optional.of(new ServiceOverrides.ScaleUp(id, count, a.actor(), a.reason(),
                        now, expires)));
                what = "scale-up " + key + " to at least " + count + " instances until " + expires;
            }
            case FREEZE -> {
                if (observed.isPresent()) {
                    count = observed.getAsInt();
                    source = "prometheus";
                } else if (a.count().isPresent()) {
                    count = a.count().getAsInt();
                    source = "request";
                } else {
                    throw ApiException.invalid("count", "required: the policy has no instanceQuery to read the "
                            + "current count from");
                }
                expires = a.ttl().map(now::plus).orElse(null);
                if (active.freeze().isPresent() && active.freeze().get().count() == count
                        && lastsAtLeast(active.freeze().get().expiresAt(), expires)) {
                    ServiceOverrides.Freeze in = active.freeze().get();
                    return unchanged(a, id, now, stored, count, null, source, clamps, in.expiresAt().orElse(null),
                            "already in force: freeze " + in.id() + " holds " + key + " at " + count + " instances"
                                    + in.expiresAt().map(e -> " until " + e).orElse(" until unfrozen"));
                }
                after = active.withFreeze(Optional.of(new ServiceOverrides.Freeze(id, count, a.actor(), a.reason(), now,
                        Optional.ofNullable(expires))));
                what = "freeze " + key + " at " + count + " instances" + (expires == null ? "" : " until " + expires);
            }
            case UNFREEZE -> {
                boolean ends = active.freeze().isPresent()
                        && a.endsOnly().map(x -> x.equals(active.freeze().get().id())).orElse(true);
                after = ends ? active.withFreeze(Optional.empty()) : active;
                what = "unfreeze " + key;
            }
            case END_SCALE_UP -> {
                boolean ends = active.scaleUp().isPresent()
                        && a.endsOnly().map(x -> x.equals(active.scaleUp().get().id())).orElse(true);
                after = ends ? active.withScaleUp(Optional.empty()) : active;
                what = "end scale-up of " + key;
            }
            default -> throw new IllegalStateException("unknown action " + a.kind());
        }
        boolean changed = !after.equals(stored);
        ChangeSet files = ChangeSet.empty();
        if (changed) {
            files = ChangeSet.builder().put(OverrideStore.path(key), after.isEmpty() ? Optional.empty()
                    : Optional.of(OverrideStore.render(after))).build();
            if (render && plan.isPresent()) {
                files = files.plus(terraform(snap, plan.get(), after));
            }
        }
        ActionResult result = new ActionResult(id, a.kind().id(), key.environment().value(), key.service().value(),
                changed ? "APPLIED" : "NO_CHANGE", count, requested, source, clamps.isEmpty() ? null : List.copyOf(clamps),
                expires, now, null, changed ? plan.isPresent() : null,
                changed ? what + (plan.isPresent() ? dropped(plan.get(), after) : "; no plan file yet, the next plan renders it")
                        : "nothing to change: " + (a.kind() == Action.Kind.UNFREEZE ? "no matching freeze is active"
                        : a.kind() == Action.Kind.END_SCALE_UP ? "no matching scale-up is active" : "already in force"),
                null);
        if (!changed) {
            return new Prepared(Optional.empty(), result, stored);
        }
        return new Prepared(Optional.of(new GitWorkspace.BaseChange(files, message(a, id, what, result))), result, after);
    }

    /** Whether an override ending at {@code existing} (empty: never) lasts at least until {@code wanted} (null: never). */
    private static boolean lastsAtLeast(Optional<Instant> existing, Instant wanted) {
        return existing.isEmpty() || (wanted != null && !existing.get().isBefore(wanted));
    }

    /** The NO_CHANGE answer to a freeze or scale-up that is already in force: nothing to commit. */
    private static Prepared unchanged(Action a, String id, Instant now, ServiceOverrides stored, Integer count,
                                      Integer requested, String source, List<ActionResult.Clamp> clamps, Instant expires,
                                      String message) {
        ServiceKey key = a.key();
        return new Prepared(Optional.empty(), new ActionResult(id, a.kind().id(), key.environment().value(),
                key.service().value(), "NO_CHANGE", count, requested, source, clamps.isEmpty() ? null : List.copyOf(clamps),
                expires, now, null, null, message, null), stored);
    }

    /**
     * Without a live count, the largest count the plan schedules (the plan file has no timeline): stepping up
     * from it is never below what the plan would give at its peak.
     */
    static int planned(CapacityPlan plan) {
        int scheduled = plan.actions().stream().mapToInt(a -> Math.max(a.min(), a.desired())).max().orElse(0);
        return Math.max(Math.max(plan.limits().min(), plan.limits().normalPeak()), scheduled);
    }

    /**
     * The plan with room for the override's own two scheduled actions. A plan that uses the whole quota
     * (the planner may) loses the two actions that matter least while the override is in force: those with
     * the lowest floor, which the override's count dominates. The next plan after expiry restores them.
     */
    static CapacityPlan withRoom(CapacityPlan plan) {
        int room = plan.target().kind().scheduleQuota() - OVERRIDE_ACTIONS;
        if (plan.actions().size() <= room) {
            return plan;
        }
        List<io.prewarm.plan.ScalingAction> keep = new ArrayList<>(plan.actions());
        List<io.prewarm.plan.ScalingAction> byFloor = new ArrayList<>(keep);
        byFloor.sort(java.util.Comparator.comparingInt(io.prewarm.plan.ScalingAction::min)
                .thenComparing(io.prewarm.plan.ScalingAction::name));
        keep.removeAll(byFloor.subList(0, keep.size() - room));
        return new CapacityPlan(plan.key(), plan.target(), plan.zone(), plan.limits(), plan.timeline(), keep,
                plan.reasons(), plan.forecastModel(), plan.forecastScore(), plan.verticalFloor(), plan.notes(),
                plan.indicators());
    }

    /**
     * Renders every service's committed plan once with an override, discarding the result, so that the
     * first real emergency does not pay for class loading and a cold JIT.
     */
    void warmUp(GitWorkspace.BaseSnapshot snap, java.util.Collection<ServiceKey> keys, Instant now) {
        for (ServiceKey key : keys) {
            snap.read(PlanFile.path(key)).map(t -> PlanFile.read(t, PlanFile.path(key))).ifPresent(plan ->
                    terraform(snap, plan, ServiceOverrides.none().withFreeze(Optional.of(new ServiceOverrides.Freeze(
                            "warm-up", Math.max(1, plan.limits().min()), "prewarm", "warm-up", now, Optional.empty())))));
        }
    }

    /** The service's Terraform under {@code after}, re-rendered from its committed plan (none without one). */
    ChangeSet terraform(GitWorkspace.BaseSnapshot snap, ServiceKey key, ServiceOverrides after) {
        return plan(snap, key).map(p -> terraform(snap, p, after)).orElse(ChangeSet.empty());
    }

    /** Plans parsed lately, by path: the plan file changes once a day, the actions on it many times a second. */
    private final Map<String, Map.Entry<String, CapacityPlan>> plans = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<CapacityPlan> plan(GitWorkspace.BaseSnapshot snap, ServiceKey key) {
        String path = PlanFile.path(key);
        Optional<String> text = snap.read(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, CapacityPlan> known = plans.get(path);
        if (known != null && known.getKey().equals(text.get())) {
            return Optional.of(known.getValue());
        }
        CapacityPlan parsed = PlanFile.read(text.get(), path);
        plans.put(path, Map.entry(text.get(), parsed));
        return Optional.of(parsed);
    }

    private static String dropped(CapacityPlan plan, ServiceOverrides after) {
        int n = after.isEmpty() ? 0 : plan.actions().size() - withRoom(plan).actions().size();
        return n == 0 ? "" : "; " + n + " scheduled actions with the lowest floor are left out while it is in force "
                + "(schedule quota)";
    }

    /** The service's Terraform under the overrides now in force (freeze wins over a floor). */
    private ChangeSet terraform(GitWorkspace.BaseSnapshot snap, CapacityPlan full, ServiceOverrides after) {
        CapacityPlan plan = after.isEmpty() ? full : withRoom(full);
        TerraformRenderer r = renderers.forKind(plan.target().kind());
        ChangeSet.Builder stale = ChangeSet.builder();
        String folder = "generated/" + plan.key().path() + "/";
        snap.list(folder).stream().filter(p -> !p.equals(PlanFile.path(plan.key()))).forEach(stale::delete);
        Map<String, String> rendered;
        if (after.freeze().isPresent()) {
            ServiceOverrides.Freeze f = after.freeze().get();
            rendered = r.renderOverride(plan, new OverrideSpec(plan.key(), plan.target(), plan.zone(),
                    OverrideSpec.Kind.FREEZE, f.count(), f.id(), f.reason(), f.expiresAt().orElse(OPEN_ENDED))).files();
        } else if (after.scaleUp().isPresent()) {
            ServiceOverrides.ScaleUp s = after.scaleUp().get();
            rendered = r.renderOverride(plan, new OverrideSpec(plan.key(), plan.target(), plan.zone(),
                    OverrideSpec.Kind.FLOOR, Math.max(1, s.min()), s.id(), s.reason(), s.expiresAt())).files();
        } else {
            rendered = r.render(plan).files();
        }
        return stale.build().plus(ChangeSet.writing(rendered));
    }

    private static CommitMessage message(Action a, String id, String what, ActionResult result) {
        return new CommitMessage("prewarm: emergency " + what + " (" + id + ")", "Emergency action by " + a.actor()
                + ": " + a.reason() + "\n\n" + trailers(a, id, result));
    }

    /**
     * One commit for several prepared actions (group commit): a summary line per action, then every action's
     * trailers in order, each group starting with its {@code Prewarm-Action-Id}. One action keeps its own message.
     */
    static CommitMessage message(List<Prepared> changed) {
        if (changed.size() == 1) {
            return changed.get(0).change().orElseThrow().message();
        }
        StringBuilder lines = new StringBuilder();
        StringBuilder trailers = new StringBuilder();
        for (Prepared p : changed) {
            CommitMessage m = p.change().orElseThrow().message();
            String body = m.body();
            int split = body.indexOf("\n\n" + Trailers.ACTION_ID + ": ");
            lines.append("- ").append(m.subject().substring("prewarm: emergency ".length())).append(": ")
                    .append(body, 0, split).append('\n');
            trailers.append(body.substring(split + 2));
        }
        String first = changed.get(0).result().id();
        String last = changed.get(changed.size() - 1).result().id();
        return new CommitMessage("prewarm: emergency, " + changed.size() + " actions (" + first + " .. " + last + ")",
                lines + "\n" + trailers);
    }

    private static String trailers(Action a, String id, ActionResult result) {
        StringBuilder body = new StringBuilder();
        body.append(Trailers.ACTION_ID).append(": ").append(id).append('\n');
        a.idempotencyKey().ifPresent(k -> body.append(Trailers.IDEMPOTENCY_KEY).append(": ").append(k).append('\n'));
        if (a.idempotencyKey().isPresent()) {
            a.requestDigest().ifPresent(d -> body.append(Trailers.REQUEST_DIGEST).append(": ").append(d).append('\n'));
        }
        a.signed().ifPresent(s -> body.append(Trailers.SIGNED).append(": ").append(s.trailer()).append('\n'));
        body.append(Trailers.ANSWER).append(": ").append(Trailers.json(result)).append('\n');
        return body.toString();
    }
}
