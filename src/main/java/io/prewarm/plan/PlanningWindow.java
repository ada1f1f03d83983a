package io.prewarm.plan;

import io.prewarm.common.Checks;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When and over what one service is planned: the history read before the first planned step, the forecast
 * horizon (a week plus the pre-warm lead), and the dates whose holidays matter. {@code plan} and the
 * backtest take their window from here, so a replayed epoch plans exactly as {@code plan --now} does.
 *
 * @param now          the planning instant (the plan's timestamps and emergency floors)
 * @param start        the first planned step: {@code now} rounded up to the policy's step grid
 * @param zone         the policy's zone, in which holidays are dates
 * @param history      the history the forecaster and the normal peak see: {@code [start - training, start)}
 * @param lead         the pre-warm lead in steps
 * @param horizon      forecast steps: {@link #HORIZON} plus the lead plus one
 * @param holidaysFrom first date whose holidays the forecaster learns from (the day before the history)
 * @param holidaysTo   last date whose holidays the forecaster is told about (the day after the horizon)
 */
public record PlanningWindow(Instant now, Instant start, ZoneId zone, TimeWindow history, int lead, int horizon,
                             LocalDate holidaysFrom, LocalDate holidaysTo) {
    /** How far ahead a plan reaches: one week of recurring schedules. */
    public static final Duration HORIZON = Duration.ofDays(7);

    public PlanningWindow {
        Checks.nonNull("now, start, zone, history, holidaysFrom, holidaysTo",
                now, start, zone, history, holidaysFrom, holidaysTo);
    }

    /** The window of {@code plan} at {@code now}: trained on the policy's {@code demand.history}. */
    public static PlanningWindow of(ServicePolicy policy, Instant now) {
        return of(policy, now, policy.demand().history());
    }

    /** The window at {@code now}, trained on {@code training} of history (the backtest's {@code --training}). */
    public static PlanningWindow of(ServicePolicy policy, Instant now, Duration training) {
        Duration step = policy.demand().step();
        Instant start = align(now, step);
        TimeWindow history = new TimeWindow(start.minus(training), start, step);
        int lead = (int) (policy.rules().prewarmLead().getSeconds() / step.getSeconds());
        int horizon = (int) (HORIZON.getSeconds() / step.getSeconds()) + lead + 1;
        ZoneId zone = policy.zone();
        return new PlanningWindow(now, start, zone, history, lead, horizon,
                LocalDate.ofInstant(history.start(), zone).minusDays(1),
                LocalDate.ofInstant(start.plus(HORIZON), zone).plusDays(1));
    }

    /** The first grid instant at or after {@code now}. */
    public static Instant align(Instant now, Duration step) {
        long s = step.getSeconds();
        long aligned = Math.floorDiv(now.getEpochSecond() + s - 1, s) * s;
        return Instant.ofEpochSecond(aligned);
    }

    public Duration step() {
        return history.step();
    }

    /** What the forecaster is asked: the horizon from {@link #start}, with the holidays of history and horizon. */
    public ForecastRequest request(Set<LocalDate> holidays) {
        return new ForecastRequest(start, step(), horizon, Optional.of(zone), holidays);
    }

    /** The holidays the planner gives one-off actions: those from the first planned day to the horizon's last. */
    public Set<LocalDate> inHorizon(Set<LocalDate> holidays) {
        LocalDate first = LocalDate.ofInstant(start, zone);
        LocalDate last = LocalDate.ofInstant(start.plus(HORIZON), zone);
        return holidays.stream().filter(d -> !d.isBefore(first) && !d.isAfter(last)).collect(Collectors.toSet());
    }
}
