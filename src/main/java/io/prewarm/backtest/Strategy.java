package io.prewarm.backtest;

import java.util.Locale;

/** The provisioning strategies a backtest compares on the same trace. */
public enum Strategy {
    /** A fixed fleet sized for the replayed window's peak (with the policy's headroom). */
    STATIC,
    /** The target's autoscaler as configured, without schedules: policy min to policy max. */
    REACTIVE,
    /** The plan's scheduled floors alone, each action setting the fleet size. */
    SCHEDULED,
    /** What prewarm deploys: the plan's scheduled floors with the reactive layer above them. */
    PREWARM,
    /** As {@link #PREWARM}, planned on the actual demand (perfect foresight): the bound. */
    ORACLE;

    /** The name used in JSON and text output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
