package io.prewarm.console;

import io.prewarm.emergency.EmergencyService;
import io.prewarm.emergency.PlanCommits;
import io.prewarm.common.ServiceKey;
import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.pipeline.PlanFile;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.policy.ServicePolicy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the console's model from the emergency service's in-memory overview (overrides, committed plan
 * files, the last plan commit) and recent demand. Reads no Git: everything comes from memory, so a page
 * load costs a few milliseconds plus, at most once a minute per service, a demand query.
 */
final class ConsoleViews {
    /** How far the chart reaches past now when the plan's own horizon ends earlier. */
    static final Duration AHEAD = Duration.ofDays(2);

    private ConsoleViews() {
    }

    static ConsoleModel build(EmergencyService.Overview o, ConsoleSources sources) {
        Instant now = o.now();
        List<ConsoleModel.Service> services = new ArrayList<>();
        for (ServicePolicy p : o.policies()) {
            services.add(service(p, o, sources, now));
        }
        Optional<ConsoleModel.LastPlan> last = o.lastPlan().map(c -> new ConsoleModel.LastPlan(c.commit(), c.subject(),
                c.branch(), c.mergeRequest(), mergeRequestUrl(sources.gitlabProject(), c)));
        return new ConsoleModel(now, o.pipelines(), last, services);
    }

    /** The merge request itself when its number is known, else GitLab's list filtered by the branch. */
    static Optional<String> mergeRequestUrl(Optional<String> project, PlanCommits.PlanCommit c) {
        if (project.isEmpty()) {
            return Optional.empty();
        }
        if (c.mergeRequest().isPresent()) {
            String ref = c.mergeRequest().get();
            return Optional.of(project.get() + "/-/merge_requests/" + ref.substring(ref.lastIndexOf('!') + 1));
        }
        return c.branch().map(b -> project.get() + "/-/merge_requests?scope=all&state=all&source_branch="
                + URLEncoder.encode(b, StandardCharsets.UTF_8));
    }

    private static ConsoleModel.Service service(ServicePolicy p, EmergencyService.Overview o, ConsoleSources sources,
                                                Instant now) {
        ServiceKey key = p.key();
        List<ConsoleModel.Override> overrides = o.active().stream()
                .filter(e -> e.environment().equals(key.environment().value()) && e.service().equals(key.service().value()))
                .map(e -> new ConsoleModel.Override(e.kind(), e.id(), e.count(), e.actor(), e.reason(), e.createdAt(),
                        Optional.ofNullable(e.expiresAt()), Optional.ofNullable(e.commit())))
                .toList();
        List<String> notes = new ArrayList<>();
        String text = o.planFiles().get(key);
        Read read = text == null ? new Read(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("No plan file committed yet: the next plan run writes " + PlanFile.path(key) + "."))
                : sources.parsed(key, text, t -> read(key, t));
        notes.addAll(read.notes());
        Optional<CapacityPlan> plan = read.plan();
        Optional<PlanFile.Details> details = read.details();
        Optional<String> mr = details.flatMap(PlanFile.Details::branch).flatMap(branch -> mergeRequestUrl(
                sources.gitlabProject(), o.lastPlan().filter(c -> c.branch().equals(Optional.of(branch)))
                        .orElse(new PlanCommits.PlanCommit("", "", Optional.of(branch), Optional.empty()))));
        Optional<ConsoleModel.Plan> planView = plan.map(pl -> plan(pl, read.schedule().orElseThrow(),
                read.snapshot().orElseThrow(), read.details(), mr, now));
        ConsoleSources.Recent recent = sources.recent(p, now);
        if (!recent.problem().isEmpty()) {
            notes.add(recent.problem());
        }
        Optional<ConsoleModel.Chart> chart = chart(p, plan, read.schedule(), details, recent.series(), overrides, now);
        boolean live = sources.liveCounts() && p.demand().instanceQuery().isPresent();
        return new ConsoleModel.Service(key.environment().value(), key.service().value(), p.target().kind().id(),
                p.target().name(), p.capacity().min(), p.capacity().max(), planView, overrides, chart,
                String.join(" ", notes), live);
    }

    /** What a plan file holds, parsed once per committed text (a plan may have 125 actions). */
    record Read(Optional<CapacityPlan> plan, Optional<PlanFile.Details> details, Optional<Schedule> schedule,
                Optional<PlanSnapshot> snapshot, List<String> notes) {
    }

    static Read read(ServiceKey key, String text) {
        List<String> notes = new ArrayList<>();
        try {
            CapacityPlan plan = PlanFile.read(text, PlanFile.path(key));
            PlanFile.Details details = PlanFile.details(text, PlanFile.path(key));
            if (details.forecast().isEmpty()) {
                notes.add("The plan file has no forecast summary (written before plan runs recorded it): the chart shows "
                        + "demand and the schedule only.");
            }
            return new Read(Optional.of(plan), Optional.of(details), Optional.of(new Schedule(plan)),
                    Optional.of(PlanSnapshot.of(plan)), notes);
        } catch (RuntimeException e) {
            notes.add("Unreadable plan file: " + e.getMessage());
            return new Read(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), notes);
        }
    }

    private static ConsoleModel.Plan plan(CapacityPlan plan, Schedule schedule, PlanSnapshot snap,
                                          Optional<PlanFile.Details> details, Optional<String> mergeRequest, Instant now) {
        return new ConsoleModel.Plan(plan.zone().getId(), plan.limits().min(), plan.limits().max(), schedule.floorAt(now),
                schedule.why(now), snap.peakCapacity() + " from " + snap.peakWhen() + " (" + plan.zone().getId() + ")", schedule.next(now),
                plan.actions().size(), plan.forecastModel(), details.flatMap(PlanFile.Details::plannedAt),
                details.flatMap(PlanFile.Details::branch), mergeRequest, plan.limits().perInstance());
    }

    private static Optional<ConsoleModel.Chart> chart(ServicePolicy p, Optional<CapacityPlan> plan,
                                                      Optional<Schedule> schedule, Optional<PlanFile.Details> details, Optional<TimeSeries> demand,
                                                      List<ConsoleModel.Override> overrides, Instant now) {
        if (plan.isEmpty() && demand.isEmpty()) {
            return Optional.empty();
        }
        Instant minute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant from = minute.minus(ConsoleSources.HISTORY);
        Instant to = minute.plus(AHEAD);
        Optional<PlanFile.ForecastSummary> forecast = details.flatMap(PlanFile.Details::forecast);
        if (forecast.isPresent() && forecast.get().end().isAfter(to)) {
            to = forecast.get().end();
        }
        Optional<ConsoleModel.Series> capacity = Optional.empty();
        double perInstance = 0;
        if (plan.isPresent()) {
            perInstance = plan.get().limits().perInstance();
            double perOne = perInstance;
            Duration hour = Duration.ofHours(1);
            Instant start = from.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            capacity = Optional.of(new ConsoleModel.Series(start, hour, schedule.orElseThrow().floors(start, to, hour)
                    .stream().map(v -> v * perOne).toList()));
        }
        Optional<ConsoleModel.Series> point = forecast.map(f -> new ConsoleModel.Series(f.start(), f.step(), f.point()));
        Optional<ConsoleModel.Series> upper = forecast.map(f -> new ConsoleModel.Series(f.start(), f.step(), f.upper()));
        Optional<ConsoleModel.Series> observed = demand.map(d -> new ConsoleModel.Series(d.start(), d.step(),
                Arrays.stream(d.values()).boxed().toList()));
        double k = perInstance;
        List<ConsoleModel.Pin> pins = k <= 0 ? List.of() : overrides.stream().map(o -> new ConsoleModel.Pin(
                (o.kind().equals("freeze") ? "freeze at " : "emergency floor ") + o.count(), o.count() * k, o.createdAt(),
                o.expiresAt())).toList();
        return Optional.of(new ConsoleModel.Chart(from, to, "demand units of " + p.key() + "'s demand query",
                observed, point, upper, capacity, perInstance, pins));
    }
}
