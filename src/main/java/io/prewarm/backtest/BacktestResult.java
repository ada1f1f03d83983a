package io.prewarm.backtest;

import io.prewarm.common.Checks;
import io.prewarm.common.ServiceKey;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One service's replay: the scorecard of every strategy on the same trace, and the series behind them.
 *
 * @param key           environment and service
 * @param from          first replayed instant
 * @param to            end of the replay (exclusive)
 * @param training      history each epoch's forecast was fitted on
 * @param epochs        planning epochs replayed
 * @param bootMinutes   minutes from launch to serving in the simulation
 * @param perInstance   demand one instance serves at the target utilisation
 * @param pricePerHour  instance price used for the cost, when the policy has one
 * @param scorecards    one per strategy, in {@link Strategy} order
 * @param trace         the demand per minute
 * @param forecast      the forecast line prewarm planned for (point or upper, per the policy), per minute
 * @param ready         ready instances per minute, per strategy
 * @param models        the forecast model chosen at each epoch
 * @param scheduleFor   the forecast line the scheduled floors carried ({@code forecast} or {@code upper})
 * @param reactiveLayer whether a reactive layer ran above the floors (false on AWS without a CloudWatch metric)
 * @param headroom      the policy's headroom
 * @param floorsApplied whether the target applies scheduled floors (an HPA has no schedules: prewarm is the HPA
 *                      within the plan's limits)
 */
public record BacktestResult(ServiceKey key, Instant from, Instant to, Duration training, int epochs, int bootMinutes,
                             double perInstance, OptionalDouble pricePerHour, List<Scorecard> scorecards,
                             DemandTrace trace, double[] forecast, Map<Strategy, int[]> ready, List<String> models,
                             String scheduleFor, boolean reactiveLayer, double headroom, boolean floorsApplied) {
    public BacktestResult {
        Checks.nonNull("scheduleFor, key, pricePerHour, trace", scheduleFor, key, pricePerHour, trace);
        scorecards = List.copyOf(scorecards);
        forecast = forecast.clone();
        EnumMap<Strategy, int[]> copy = new EnumMap<>(Strategy.class);
        ready.forEach((s, r) -> copy.put(s, r.clone()));
        ready = copy;
        models = List.copyOf(models);
    }

    /** The scorecard of one strategy. */
    public Scorecard of(Strategy s) {
        return scorecards.stream().filter(c -> c.strategy() == s).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scorecard for " + s.id()));
    }
}
