package io.prewarm.plan;

import io.prewarm.common.Checks;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.forecast.Forecaster;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one service from its history: holidays, forecast, normal peak and capacity plan over a
 * {@link PlanningWindow}. {@code plan} (per service, before overrides, rendering and churn control), the
 * backtest (per epoch) and the merge request's scorecards all call this one function, so what a
 * backtest scores is what {@code plan} ships.
 */
public final class ServicePlanning {
    /** Holiday dates of a policy in a date range (both inclusive). */
    @FunctionalInterface
    public interface Holidays {
        /** The policy's country calendar plus its own extra dates. */
        Holidays POLICY = (policy, from, to) -> HolidayCalendar.of(policy.holidays().country(),
                Set.copyOf(policy.holidays().dates())).between(from, to);

        Set<LocalDate> between(ServicePolicy policy, LocalDate from, LocalDate to);
    }

    /** The normal peak of demand in a history, the base of the safety cap. */
    @FunctionalInterface
    public interface NormalPeak {
        /** {@link DemandStats#normalPeak}; 0 (no safety cap, the planner says so) when no day has enough samples. */
        NormalPeak DAILY_PEAKS = (history, zone) -> {
            double peak = DemandStats.normalPeak(history, zone);
            return Double.isNaN(peak) ? 0 : peak;
        };

        double of(TimeSeries history, ZoneId zone);
    }

    /**
     * One service's plan and what it was made from.
     *
     * @param request what the forecaster was asked
     * @param input   what the planner was given (the forecast among it)
     * @param plan    the capacity plan
     */
    public record Planned(ForecastRequest request, PlanInput input, CapacityPlan plan) {
        public Planned {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(plan, "plan");
        }

        public Forecast forecast() {
            return input.forecast();
        }
    }

    private final Forecaster forecaster;
    private final CapacityPlanner planner;
    private final Holidays holidays;
    private final NormalPeak normalPeak;

    public ServicePlanning(Forecaster forecaster, CapacityPlanner planner, Holidays holidays, NormalPeak normalPeak) {
        Checks.nonNull("forecaster, planner, holidays, normalPeak", forecaster, planner, holidays, normalPeak);
        this.forecaster = forecaster;
        this.planner = planner;
        this.holidays = holidays;
        this.normalPeak = normalPeak;
    }

    /** The policy's holiday calendar and the daily-peaks normal peak, as {@code plan} ships them. */
    public ServicePlanning(Forecaster forecaster, CapacityPlanner planner) {
        this(forecaster, planner, Holidays.POLICY, NormalPeak.DAILY_PEAKS);
    }

    /**
     * The same planning, reusing the forecasts in {@code fitted} by request and adding those it fits. Only for
     * callers that always hand the same history with the same request (the backtest replaying one history).
     */
    public ServicePlanning reusing(Map<ForecastRequest, Forecast> fitted) {
        Objects.requireNonNull(fitted, "fitted");
        Forecaster fit = forecaster;
        return new ServicePlanning((history, request) -> fitted.computeIfAbsent(request, r -> fit.forecast(history, r)),
                planner, holidays, normalPeak);
    }

    public CapacityPlanner planner() {
        return planner;
    }

    /**
     * The forecast half, which {@code plan} times as its own stage: holidays, the forecast and the normal peak.
     *
     * @param history the demand over {@link PlanningWindow#history()}
     */
    public Forecasted forecast(ServicePolicy policy, PlanningWindow window, TimeSeries history) {
        Set<LocalDate> dates = holidays.between(policy, window.holidaysFrom(), window.holidaysTo());
        ForecastRequest request = window.request(dates);
        return new Forecasted(policy, window, request, forecaster.forecast(history, request),
                normalPeak.of(history, window.zone()));
    }

    /**
     * The planning half: the capacity plan of a forecast.
     *
     * @param capacity history to learn the capacity per instance from, when the policy does not give it
     * @param floor    an active emergency scale-up
     */
    public Planned plan(Forecasted f, Optional<CapacityHistory> capacity, Optional<PlanInput.EmergencyFloor> floor) {
        PlanInput input = new PlanInput(f.policy(), f.forecast(), f.normalPeak(), floor, f.window().now(),
                f.window().inHorizon(f.request().holidays()), capacity);
        return new Planned(f.request(), input, planner.plan(input));
    }

    /** Both halves: what {@code plan} makes of this history at this window. */
    public Planned plan(ServicePolicy policy, PlanningWindow window, TimeSeries history,
                        Optional<CapacityHistory> capacity, Optional<PlanInput.EmergencyFloor> floor) {
        return plan(forecast(policy, window, history), capacity, floor);
    }

    /**
     * A service's forecast at a window.
     *
     * @param request    what the forecaster was asked (with the holidays of history and horizon)
     * @param normalPeak the normal peak of the history
     */
    public record Forecasted(ServicePolicy policy, PlanningWindow window, ForecastRequest request, Forecast forecast,
                             double normalPeak) {
        public Forecasted {
            Checks.nonNull("policy, window, request, forecast", policy, window, request, forecast);
        }
    }
}
