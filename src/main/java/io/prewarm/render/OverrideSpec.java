package io.prewarm.render;

import io.prewarm.common.Checks;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanInput;

import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * An active freeze or emergency floor to render beside a plan.
 *
 * @param key     environment and service
 * @param target  the scaled resource (must be the plan's)
 * @param zone    the service's time zone
 * @param kind    {@link Kind#FREEZE}: hold the fleet at {@code count}; {@link Kind#FLOOR}: at least {@code count}
 * @param count   instances to hold or to keep at least
 * @param id      the override's id (lowercase letters, digits and '-'); appears in names and comments
 * @param reason  why, for reviewers (free text, escaped wherever it is written)
 * @param expires when the override ends; renderers that can schedule its end do so
 */
public record OverrideSpec(ServiceKey key, Target target, ZoneId zone, Kind kind, int count, String id,
                           String reason, Instant expires) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** What the override does to the fleet. */
    public enum Kind { FREEZE, FLOOR }

    public OverrideSpec {
        Checks.nonNull("key, target, zone, kind, id, reason, expires", key, target, zone, kind, id, reason, expires);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("override id '" + id
                    + "' is invalid: use 1-63 lowercase letters, digits and '-'");
        }
        if (count < 0) {
            throw new IllegalArgumentException("override " + id + " has negative count " + count);
        }
        if (kind == Kind.FLOOR && count == 0) {
            throw new IllegalArgumentException("override " + id + ": an emergency floor of 0 instances does nothing");
        }
    }

    /** The emergency floor a plan was made under, as an override for the same service and target. */
    public static OverrideSpec floor(CapacityPlan plan, PlanInput.EmergencyFloor floor, String reason) {
        return new OverrideSpec(plan.key(), plan.target(), plan.zone(), Kind.FLOOR, floor.min(), floor.id(), reason,
                floor.expires());
    }

    /** A floor value under this override ({@code -1}, "unchanged", stays unchanged). */
    public int raise(int value) {
        return value == -1 ? -1 : Math.max(value, count);
    }

    /** The one-line summary used in generated comments. */
    public String summary() {
        return kind + " " + id + " at " + count + " instances until " + expires + ": " + reason;
    }
}
