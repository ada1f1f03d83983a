package io.prewarm.cli;

import io.prewarm.backtest.BacktestResult;
import io.prewarm.backtest.DemandTrace;
import io.prewarm.backtest.Replay;
import io.prewarm.backtest.Reports;
import io.prewarm.backtest.Scorecard;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.pipeline.PolicyScorecard;
import io.prewarm.pipeline.Stages;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The merge request's backtest: the replay {@code prewarm backtest} runs by default (the 7 days before the
 * planning day, daily epochs, each fitted on the policy's {@code demand.history}), with the run's own
 * history source, forecaster and planner, so the numbers match what the command prints for that window.
 */
final class BacktestScorecards implements PolicyScorecard.Source {
    /** The replayed window: the last week, as {@code prewarm backtest} replays by default. */
    static final Duration WINDOW = Duration.ofDays(7);

    private final Stages stages;
    private final Replay replay;

    BacktestScorecards(Stages stages) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.replay = new Replay(stages.planning());
    }

    @Override
    public PolicyScorecard score(ServicePolicy policy, Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.DAYS);
        Replay.Spec spec = new Replay.Spec(to.minus(WINDOW), to, policy.demand().history(), Duration.ofDays(1),
                DemandTrace.Shape.LINEAR);
        TimeSeries history = stages.metrics().demand(policy,
                new TimeWindow(spec.historyStart(), to, policy.demand().step()));
        // the variants the verdict suggests, replayed on the same history, so reviewers see the trade-off
        Replay.Variants replayed = replay.withVariants(policy, Reports::suggestions, history, spec);
        BacktestResult r = replayed.base();
        List<String> whatIfs = replayed.variants().stream().map(Reports::whatIfLine).toList();
        return new PolicyScorecard(r.from(), r.to(), r.epochs(), r.scorecards().stream().map(BacktestScorecards::row)
                .toList(), Reports.verdict(r), whatIfs);
    }

    private static PolicyScorecard.Row row(Scorecard c) {
        return new PolicyScorecard.Row(c.strategy().id(), c.instanceHours(), c.cost(), c.underProvisionedMinutes(),
                c.totalMinutes(), c.worstShortfall(), c.scaleActions(), c.reversals());
    }
}
