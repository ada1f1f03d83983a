package io.prewarm.backtest;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How one strategy did on a replayed trace.
 *
 * @param strategy                the strategy
 * @param instanceHours           instance-hours paid for, counted from launch (booting instances cost)
 * @param cost                    instance-hours times the policy's instance price, when the policy gives one
 * @param underProvisionedMinutes minutes in which demand exceeded what ready instances serve at the target
 *                                utilisation ({@code ready x perInstance})
 * @param totalMinutes            minutes with a known demand (missing samples are not scored)
 * @param worstShortfall          the largest number of instances missing in one minute
 *                                ({@code ceil(demand / perInstance) - ready})
 * @param scaleActions            changes of the desired capacity, whatever caused them
 * @param reversals               changes opposite to the previous one within the policy's backoff reset
 *                                window (flapping)
 * @param capHits                 minutes in which the fleet sat at its ceiling (the safety cap or the max in
 *                                force) while demand with headroom wanted more
 */
public record Scorecard(Strategy strategy, double instanceHours, OptionalDouble cost, int underProvisionedMinutes,
                        int totalMinutes, int worstShortfall, int scaleActions, int reversals, int capHits) {
    public Scorecard {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(cost, "cost");
        if (totalMinutes < 0 || underProvisionedMinutes < 0 || underProvisionedMinutes > totalMinutes) {
            throw new IllegalArgumentException("scorecard of " + strategy.id() + ": under-provisioned minutes "
                    + underProvisionedMinutes + " out of " + totalMinutes);
        }
    }

    /** Under-provisioned minutes as a share of scored minutes (0 when nothing was scored). */
    public double underProvisionedShare() {
        return totalMinutes == 0 ? 0 : (double) underProvisionedMinutes / totalMinutes;
    }
}
