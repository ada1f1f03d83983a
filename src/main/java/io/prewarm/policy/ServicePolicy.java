package io.prewarm.policy;

import io.prewarm.common.Checks;
import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated service policy: everything the rest of prewarm needs to know about one service. Only
 * {@link PolicyLoader} creates these, after every field of the file has been checked.
 *
 * @param source       the policy file, for messages
 * @param key          environment and service
 * @param target       the scaled resource
 * @param demand       how to read the demand history
 * @param capacity     capacity per instance, headroom and limits
 * @param rules        the brief's scaling rules
 * @param zone         the time zone schedules are expressed in
 * @param holidays     built-in calendar and extra dates
 * @param instanceSizes catalogue for the vertical floor recommendation (may be empty)
 * @param indicators   leading indicators and their alert thresholds
 */
public record ServicePolicy(
        Path source,
        ServiceKey key,
        Target target,
        Demand demand,
        Capacity capacity,
        Rules rules,
        ZoneId zone,
        Holidays holidays,
        List<InstanceSize> instanceSizes,
        Indicators indicators) {

    public ServicePolicy {
        Checks.nonNull("source, key, target, demand, capacity, rules, zone, holidays, indicators",
                source, key, target, demand, capacity, rules, zone, holidays, indicators);
        instanceSizes = List.copyOf(instanceSizes);
    }

    /**
     * How demand is read.
     *
     * @param query         PromQL returning the demand (for example requests per second)
     * @param step          resolution of the history and of the plan
     * @param history       how far back to read
     * @param aggregation   how several returned series combine ({@code sum}, {@code max}, or
     *                      {@code none}: several series are an error)
     * @param instanceQuery optional PromQL for the current instance count (freeze, learned capacity)
     */
    public record Demand(String query, Duration step, Duration history, Aggregation aggregation,
                         Optional<String> instanceQuery) {
        public Demand {
            Checks.nonNull("query, step, history, aggregation, instanceQuery",
                    query, step, history, aggregation, instanceQuery);
        }
    }

    /** How several series returned by the demand query combine. */
    public enum Aggregation { SUM, MAX, NONE }

    /**
     * Capacity and limits.
     *
     * @param perInstance demand one instance carries at its target utilisation; empty when learned
     * @param headroom    extra share on top of the forecast the schedule provisions for (0.2 = 20%)
     * @param min         never fewer instances
     * @param max         never more instances
     * @param scheduleFor which forecast line the scheduled floors carry
     */
    public record Capacity(Optional<Double> perInstance, double headroom, int min, int max, ScheduleFor scheduleFor) {
        public Capacity {
            Objects.requireNonNull(perInstance, "perInstance");
            Objects.requireNonNull(scheduleFor, "scheduleFor");
        }

        /** Scheduled floors that carry the point forecast, the default. */
        public Capacity(Optional<Double> perInstance, double headroom, int min, int max) {
            this(perInstance, headroom, min, max, ScheduleFor.FORECAST);
        }
    }

    /**
     * Which forecast line the scheduled floors carry (with the headroom on top).
     * <ul>
     *   <li>{@code FORECAST}: the point forecast. The headroom absorbs ordinary forecast error and the
     *       target's reactive layer, which stays enabled above the floors, absorbs the rest.</li>
     *   <li>{@code UPPER}: the forecast's calibrated upper bound (about P95). For targets whose reactive
     *       layer is slow or disabled, or where a short shortfall costs more than idle instances.</li>
     * </ul>
     */
    public enum ScheduleFor {
        FORECAST, UPPER;

        /** The policy file's spelling. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The brief's rules.
     *
     * @param prewarmLead          capacity is in place this long before a predicted rise (boot + warm-up)
     * @param scaleUpMinPercent    a rise adds at least this share of current capacity
     * @param scaleDownMaxPercent  a scale-down removes at most this share of the fleet per window
     * @param scaleDownCooldown    the scale-down window
     * @param backoffMax           the largest the scale-down cooldown grows to after flapping
     * @param backoffReset         quiet time after which the cooldown returns to its base
     * @param safetyCapFactor      never more than this multiple of the normal peak
     */
    public record Rules(Duration prewarmLead, int scaleUpMinPercent, int scaleDownMaxPercent,
                        Duration scaleDownCooldown, Duration backoffMax, Duration backoffReset,
                        double safetyCapFactor) {
        public Rules {
            Checks.nonNull("prewarmLead, scaleDownCooldown, backoffMax, backoffReset",
                    prewarmLead, scaleDownCooldown, backoffMax, backoffReset);
        }
    }

    /**
     * Holidays: a built-in calendar by country (or {@code none}) plus the policy's own dates.
     */
    public record Holidays(String country, List<LocalDate> dates) {
        public Holidays {
            Objects.requireNonNull(country, "country");
            dates = List.copyOf(dates);
        }
    }

    /** One size in the vertical-floor catalogue. */
    public record InstanceSize(String name, double capacity, double pricePerHour) {
        public InstanceSize {
            Objects.requireNonNull(name, "name");
        }
    }
}
