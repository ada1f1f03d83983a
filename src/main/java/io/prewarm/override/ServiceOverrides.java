package io.prewarm.override;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The emergency state of one service as stored in the GitOps repository at
 * {@code overrides/<environment>/<service>.json}: an optional freeze and an optional emergency
 * scale-up floor. Both carry the action id, who asked, why, when, and an optional expiry.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ServiceOverrides(Optional<Freeze> freeze, Optional<ScaleUp> scaleUp) {
    public ServiceOverrides {
        freeze = freeze == null ? Optional.empty() : freeze;
        scaleUp = scaleUp == null ? Optional.empty() : scaleUp;
    }

    public static ServiceOverrides none() {
        return new ServiceOverrides(Optional.empty(), Optional.empty());
    }

    /** The overrides still in force at {@code now}. */
    public ServiceOverrides activeAt(Instant now) {
        return new ServiceOverrides(freeze.filter(f -> f.activeAt(now)), scaleUp.filter(s -> s.activeAt(now)));
    }

    /** These overrides with {@code freeze} in place of the current one (empty: none). */
    public ServiceOverrides withFreeze(Optional<Freeze> freeze) {
        return new ServiceOverrides(freeze, scaleUp);
    }

    /** These overrides with {@code scaleUp} in place of the current one (empty: none). */
    public ServiceOverrides withScaleUp(Optional<ScaleUp> scaleUp) {
        return new ServiceOverrides(freeze, scaleUp);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return freeze.isEmpty() && scaleUp.isEmpty();
    }

    /** The instance count is locked and autoscaling disabled until unfrozen or expired. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Freeze(String id, int count, String actor, String reason, Instant createdAt,
                         Optional<Instant> expiresAt) {
        public Freeze {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
            if (count < 0) {
                throw new IllegalArgumentException("freeze count must not be negative, got " + count);
            }
        }

        boolean activeAt(Instant now) {
            return expiresAt.map(now::isBefore).orElse(true);
        }
    }

    /** An emergency floor: at least {@code min} instances until {@code expiresAt}. */
    public record ScaleUp(String id, int min, String actor, String reason, Instant createdAt, Instant expiresAt) {
        public ScaleUp {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (min < 0) {
                throw new IllegalArgumentException("scale-up min must not be negative, got " + min);
            }
        }

        boolean activeAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }
}
