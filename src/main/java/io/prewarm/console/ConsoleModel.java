package io.prewarm.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the console page shows, already read and computed: the page renders it and nothing else.
 *
 * @param now       the instant the page describes
 * @param pipelines whether accepted actions trigger a CI pipeline
 * @param lastPlan  the newest plan commit on the base branch, if any
 * @param services  every known service, sorted by environment and service
 */
public record ConsoleModel(Instant now, boolean pipelines, Optional<LastPlan> lastPlan, List<Service> services) {
    public ConsoleModel {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lastPlan, "lastPlan");
        services = List.copyOf(services);
    }

    /**
     * The plan commit the base branch holds.
     *
     * @param commit          its id
     * @param subject         its first line
     * @param branch          the proposal branch it came from
     * @param mergeRequest    GitLab's reference ({@code group/project!12}) when the merge commit names it
     * @param mergeRequestUrl a link to the merge request (or to the list filtered by the branch) when GitLab is configured
     */
    public record LastPlan(String commit, String subject, Optional<String> branch, Optional<String> mergeRequest,
                           Optional<String> mergeRequestUrl) {
        public LastPlan {
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * One service.
     *
     * @param environment  its environment
     * @param name         its name
     * @param targetKind   where it runs ({@code aws-asg}, ...)
     * @param targetName   the target resource's name
     * @param min          the policy's minimum
     * @param max          the policy's maximum
     * @param plan         the committed plan, if the service has one
     * @param overrides    freezes and emergency floors in force
     * @param chart        the chart's data, when there is something to draw
     * @param note         why something is missing (no plan yet, unreadable plan file, no history), or empty
     * @param liveCount    whether serve reads the running count from Prometheus (freeze needs no count then)
     */
    public record Service(String environment, String name, String targetKind, String targetName, int min, int max,
                          Optional<Plan> plan, List<Override> overrides, Optional<Chart> chart, String note,
                          boolean liveCount) {
        public Service {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(note, "note");
            overrides = List.copyOf(overrides);
        }

        /** {@code environment/name}. */
        public String key() {
            return environment + "/" + name;
        }

        public Optional<Override> freeze() {
            return overrides.stream().filter(o -> o.kind().equals("freeze")).findFirst();
        }
    }

    /**
     * The committed plan of a service, as its Terraform encodes it.
     *
     * @param zone        the schedules' time zone
     * @param min         floor in force
     * @param max         effective ceiling
     * @param scheduledNow the floor the schedule sets now
     * @param why         why it is that floor: the reason code and detail of the action that set it
     * @param peak        the highest scheduled floor and when it starts
     * @param next        the next scheduled change, if any
     * @param actions     how many scheduled actions the plan has
     * @param model       the forecast model behind the plan
     * @param plannedAt   when the plan was made, when the plan file records it
     * @param branch      the proposal branch of that run, when the plan file records it
     * @param mergeRequestUrl a link to that run's merge request (or GitLab's list filtered by its branch), when known
     * @param perInstance demand one instance carries
     */
    public record Plan(String zone, int min, int max, int scheduledNow, String why, String peak, Optional<Change> next, int actions,
                       String model, Optional<Instant> plannedAt, Optional<String> branch,
                       Optional<String> mergeRequestUrl, double perInstance) {
        public Plan {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(peak, "peak");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(plannedAt, "plannedAt");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(mergeRequestUrl, "mergeRequestUrl");
        }
    }

    /**
     * A scheduled change.
     *
     * @param at     when it fires
     * @param local  the same instant in the plan's zone, for people
     * @param min    the floor it sets
     * @param max    the ceiling it sets
     * @param reason its reason code and detail
     */
    public record Change(Instant at, String local, int min, int max, String reason) {
    }

    /**
     * A freeze or emergency floor in force.
     *
     * @param kind      {@code freeze} or {@code scale-up}
     * @param id        the action id
     * @param count     the locked count or the floor
     * @param actor     who asked for it (token name and the actor given)
     * @param reason    why
     * @param createdAt when it was accepted
     * @param expiresAt when it ends by itself
     * @param commit    the commit on the base branch that carries it
     */
    public record Override(String kind, String id, int count, String actor, String reason, Instant createdAt,
                           Optional<Instant> expiresAt, Optional<String> commit) {
    }

    /**
     * The chart's series, each on its own grid; values in demand units, NaN where unknown.
     *
     * @param from        left edge
     * @param to          right edge
     * @param unit        what demand is measured in (for the axis title)
     * @param demand      observed demand (the last days), if a source serves it
     * @param forecast    the point forecast of the plan in force, if the plan file carries it
     * @param upper       its upper bound
     * @param capacity    planned capacity in demand units (instances times per-instance demand)
     * @param perInstance demand one instance carries (to label capacity in instances)
     * @param pins        freezes and emergency floors in force, in demand units
     */
    public record Chart(Instant from, Instant to, String unit, Optional<Series> demand, Optional<Series> forecast,
                        Optional<Series> upper, Optional<Series> capacity, double perInstance, List<Pin> pins) {
        public Chart {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            pins = List.copyOf(pins);
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("chart window " + from + " .. " + to + " is empty");
            }
        }
    }

    /**
     * A freeze or emergency floor drawn across the chart from when it began until it ends.
     *
     * @param label what it is ({@code freeze at 12})
     * @param value its count in demand units
     * @param since when it began
     * @param until when it ends by itself, if it does
     */
    public record Pin(String label, double value, Instant since, Optional<Instant> until) {
    }

    /** Values on a regular grid from {@code start}. */
    public record Series(Instant start, Duration step, List<Double> values) {
        public Series {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(step, "step");
            if (step.isZero() || step.isNegative()) {
                throw new IllegalArgumentException("series step must be positive, got " + step);
            }
            values = List.copyOf(values);
        }

        public Instant timeAt(int i) {
            return start.plus(step.multipliedBy(i));
        }
    }
}
