package io.prewarm.backtest;

/**
 * The reactive layer of a target, called once per simulated minute. It sees what the real autoscaler
 * sees (the load on ready instances, instances still booting, the desired capacity) and answers the
 * desired capacity it would set, within the bounds in force.
 */
interface Controller {

    /**
     * @param minute   minutes since the start of the replay
     * @param demand   demand in this minute (never NaN: a gap is not evidence of load, so the
     *                 simulator skips the controller then)
     * @param ready    instances serving
     * @param starting instances launched but still booting or warming up
     * @param desired  the desired capacity now
     * @param min      the floor in force (policy min or a scheduled floor)
     * @param max      the ceiling in force
     * @return the new desired capacity, within {@code [min, max]}
     */
    int decide(int minute, double demand, int ready, int starting, int desired, int min, int max);
}
