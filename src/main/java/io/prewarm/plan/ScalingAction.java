package io.prewarm.plan;

import io.prewarm.common.Checks;
import io.prewarm.common.ReasonCode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A scheduled change of the group's limits: either recurring ({@code cron}, five fields, in
 * {@code zone}) or one-off ({@code at}). {@code -1} in {@code max} or {@code desired} means "leave
 * unchanged", as AWS's scheduled actions have it.
 *
 * @param name    stable, unique within the plan, lowercase; renderers derive resource names from it
 * @param cron    five-field cron in {@code zone} (minute hour day-of-month month day-of-week)
 * @param at      a one-off instant
 * @param zone    IANA time zone of the cron
 * @param min     the floor from this action on
 * @param max     the ceiling from this action on, or -1
 * @param desired desired capacity, or -1 to let the reactive layer decide above the floor
 * @param reason  why
 * @param detail  the numbers behind the reason, for humans
 */
public record ScalingAction(String name, Optional<String> cron, Optional<Instant> at, ZoneId zone,
                            int min, int max, int desired, ReasonCode reason, String detail) {
    public ScalingAction {
        Checks.nonNull("name, cron, at, zone, reason, detail", name, cron, at, zone, reason, detail);
        if (cron.isPresent() == at.isPresent()) {
            throw new IllegalArgumentException("action " + name + " needs exactly one of cron and at");
        }
        if (min < 0) {
            throw new IllegalArgumentException("action " + name + " has negative min " + min);
        }
        if (max != -1 && max < min) {
            throw new IllegalArgumentException("action " + name + " has max " + max + " below min " + min);
        }
    }
}
