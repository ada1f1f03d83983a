package io.prewarm.common;

/**
 * Why prewarm decided what it decided. Every action in a plan, every emergency action and every
 * run status carries one; they appear in logs, metrics, the run summary and merge requests.
 */
public enum ReasonCode {
    /** Capacity that the usual (non-peak) forecast needs. */
    BASELINE,
    /** Capacity raised for a predicted peak. */
    PREDICTED_PEAK,
    /** Capacity raised ahead of a predicted rise by the boot plus warm-up lead time. */
    PREWARM,
    /** A scale-up enlarged to the minimum step (+20% by default). */
    SCALE_UP_STEP,
    /** A gentle scale-down step, limited to a share of the fleet per cooldown window. */
    SCALE_DOWN_STEP,
    /** A scale-down held back because capacity flapped (exponential backoff). */
    BACKOFF,
    /** Clamped at the safety cap (5x the normal peak by default). */
    SAFETY_CAP,
    /** Raised to the policy's minimum. */
    MIN_LIMIT,
    /** Clamped at the policy's maximum. */
    MAX_LIMIT,
    /** A one-off action for a holiday or special day. */
    HOLIDAY,
    /** The smallest instance size whose minimum fleet carries baseline traffic. */
    VERTICAL_FLOOR,
    /** An active emergency scale-up sets the floor. */
    EMERGENCY_FLOOR,
    /** An emergency override expired and was removed. */
    EMERGENCY_EXPIRED,
    /** The service is frozen: no new plan is proposed. */
    FROZEN,
    /** History too short for the full model; a simpler forecast was used. */
    SHORT_HISTORY,
    /** The plan equals what is already in the repository. */
    NO_CHANGE
}
