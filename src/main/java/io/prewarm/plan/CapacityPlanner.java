package io.prewarm.plan;

/** Turns a forecast into a capacity plan under a service's policy. Pure: no I/O, no clock. */
public interface CapacityPlanner {
    CapacityPlan plan(PlanInput input);
}
