package io.prewarm.policy;

import java.time.Duration;

/** Defaults of the brief's rules, applied when a policy leaves a field out. */
public final class PolicyDefaults {
    public static final Duration STEP = Duration.ofMinutes(5);
    public static final Duration HISTORY = Duration.ofDays(28);
    public static final double HEADROOM = 0.2;
    public static final Duration PREWARM_LEAD = Duration.ofMinutes(10);
    public static final int SCALE_UP_MIN_PERCENT = 20;
    public static final int SCALE_DOWN_MAX_PERCENT = 20;
    public static final Duration SCALE_DOWN_COOLDOWN = Duration.ofMinutes(5);
    public static final Duration BACKOFF_MAX = Duration.ofHours(1);
    public static final Duration BACKOFF_RESET = Duration.ofHours(1);
    public static final double SAFETY_CAP_FACTOR = 5.0;
    public static final String TIMEZONE = "UTC";
    public static final String HOLIDAY_COUNTRY = "none";

    private PolicyDefaults() {
    }
}
