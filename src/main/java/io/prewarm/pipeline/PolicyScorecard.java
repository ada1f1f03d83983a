package io.prewarm.pipeline;

import io.prewarm.policy.ServicePolicy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The backtest of a proposed policy over the last days, as the merge request shows it: one row per
 * provisioning strategy on the same replayed trace ({@code prewarm backtest} prints the same numbers for
 * the same window). The pipeline only carries and prints it; the replay itself is behind {@link Source}.
 *
 * @param from   first replayed instant
 * @param to     end of the replay (exclusive)
 * @param epochs planning epochs replayed
 * @param rows    one per strategy, in the order the replay reports them
 * @param verdict the one-line comparison {@code prewarm backtest} prints under its table
 * @param whatIfs one line per policy variant the verdict suggests, replayed on the same trace
 */
public record PolicyScorecard(Instant from, Instant to, int epochs, List<Row> rows, String verdict,
                              List<String> whatIfs) {
    public PolicyScorecard {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(verdict, "verdict");
        rows = List.copyOf(rows);
        whatIfs = List.copyOf(whatIfs);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a scorecard needs at least one strategy");
        }
    }

    /** A scorecard without suggested variants. */
    public PolicyScorecard(Instant from, Instant to, int epochs, List<Row> rows, String verdict) {
        this(from, to, epochs, rows, verdict, List.of());
    }

    /**
     * One strategy's numbers.
     *
     * @param strategy                {@code static}, {@code reactive}, {@code scheduled}, {@code prewarm} or {@code oracle}
     * @param instanceHours           instance-hours paid for
     * @param cost                    instance-hours times the policy's price, when it has one
     * @param underProvisionedMinutes minutes in which demand exceeded what ready instances serve
     * @param totalMinutes            minutes scored
     * @param worstShortfall          the most instances missing in one minute
     * @param scaleActions            changes of desired capacity
     * @param reversals               changes undone within the backoff reset window (flapping)
     */
    public record Row(String strategy, double instanceHours, OptionalDouble cost, int underProvisionedMinutes,
                      int totalMinutes, int worstShortfall, int scaleActions, int reversals) {
        public Row {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(cost, "cost");
        }
    }

    /** Replays a policy over the days before {@code to}; implemented outside the pipeline (cli wires the backtest). */
    @FunctionalInterface
    public interface Source {
        PolicyScorecard score(ServicePolicy policy, Instant to);
    }
}
