package io.prewarm.backtest;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Runs a fleet minute by minute against a demand trace and scores it.
 *
 * <p>Each minute: instances whose boot and warm-up ended start serving; the bounds in force apply (a
 * scheduled floor above the desired capacity raises it at once, as a scheduled action does); the
 * reactive layer, if any, sets the desired capacity within the bounds; the group launches or terminates
 * instances to match (booting ones go first, newest first). Without a reactive layer the desired
 * capacity follows the floor. Launched instances serve {@code bootMinutes} later and are paid from
 * launch. The fleet starts warm: the initial desired capacity is already serving at minute 0.
 */
final class FleetSimulator {
    private static final double EPS = 1e-9;

    /**
     * @param perInstance     demand one ready instance serves at the target utilisation
     * @param headroom        the policy's headroom (for cap hits)
     * @param bootMinutes     boot plus warm-up: minutes from launch to serving
     * @param reversalMinutes a change opposite to the previous one within this many minutes is a reversal
     * @param pricePerHour    instance price, for the cost
     */
    record Settings(double perInstance, double headroom, int bootMinutes, int reversalMinutes,
                    OptionalDouble pricePerHour) {
        Settings {
            Objects.requireNonNull(pricePerHour, "pricePerHour");
            if (!(perInstance > 0) || bootMinutes < 0 || reversalMinutes < 0 || headroom < 0) {
                throw new IllegalArgumentException("simulating: invalid settings perInstance=" + perInstance
                        + " boot=" + bootMinutes + " reversal=" + reversalMinutes + " headroom=" + headroom);
            }
        }
    }

    /** A run's scorecard and its ready instances per minute (for charts). */
    record Run(Scorecard scorecard, int[] ready) {
    }

    private final Settings settings;

    FleetSimulator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param strategy   the strategy scored
     * @param trace      demand per minute
     * @param floor      the floor in force per minute
     * @param ceiling    the ceiling in force per minute
     * @param controller the reactive layer, or null when the desired capacity follows the floor
     */
    Run run(Strategy strategy, DemandTrace trace, int[] floor, int[] ceiling, Controller controller) {
        int n = trace.minutes();
        if (floor.length != n || ceiling.length != n) {
            throw new IllegalArgumentException("simulating " + strategy.id() + ": bounds cover " + floor.length + "/"
                    + ceiling.length + " minutes, the trace " + n);
        }
        int boot = settings.bootMinutes();
        int[] arriving = new int[n + boot + 1];
        int[] readyLog = new int[n];
        int desired = initial(trace, floor[0], ceiling[0], controller);
        int ready = desired;
        int starting = 0;
        long instanceMinutes = 0;
        int under = 0;
        int total = 0;
        int worst = 0;
        int actions = 0;
        int reversals = 0;
        int capHits = 0;
        int lastDirection = 0;
        int lastChange = Integer.MIN_VALUE / 2;
        for (int m = 0; m < n; m++) {
            ready += arriving[m];
            starting -= arriving[m];
            arriving[m] = 0;
            int lo = floor[m];
            int hi = Math.max(lo, ceiling[m]);
            double demand = trace.at(m);
            int next;
            if (controller == null) {
                next = lo;
            } else {
                next = Math.max(lo, Math.min(hi, desired));
                if (!Double.isNaN(demand)) {
                    next = Math.max(lo, Math.min(hi, controller.decide(m, demand, ready, starting, next, lo, hi)));
                }
            }
            if (next != desired) {
                int direction = Integer.signum(next - desired);
                actions++;
                if (lastDirection != 0 && direction != lastDirection && m - lastChange <= settings.reversalMinutes()) {
                    reversals++;
                }
                lastDirection = direction;
                lastChange = m;
                desired = next;
            }
            int fleet = ready + starting;
            if (fleet < desired) {
                int add = desired - fleet;
                if (boot == 0) {
                    ready += add;
                } else {
                    arriving[m + boot] += add;
                    starting += add;
                }
            } else if (fleet > desired) {
                int remove = fleet - desired;
                for (int t = m + boot; t > m && remove > 0; t--) {
                    int k = Math.min(remove, arriving[t]);
                    arriving[t] -= k;
                    starting -= k;
                    remove -= k;
                }
                ready -= remove;
            }
            readyLog[m] = ready;
            instanceMinutes += ready + starting;
            if (Double.isNaN(demand)) {
                continue;
            }
            total++;
            double p = settings.perInstance();
            if (demand > ready * p * (1 + EPS)) {
                under++;
                worst = Math.max(worst, (int) Math.ceil(demand / p - EPS) - ready);
            }
            if (desired >= hi && Math.ceil(demand * (1 + settings.headroom()) / p - EPS) > hi) {
                capHits++;
            }
        }
        double hours = instanceMinutes / 60.0;
        OptionalDouble cost = settings.pricePerHour().isPresent()
                ? OptionalDouble.of(hours * settings.pricePerHour().getAsDouble()) : OptionalDouble.empty();
        return new Run(new Scorecard(strategy, hours, cost, under, total, worst, actions, reversals, capHits), readyLog);
    }

    /** A warm start: what the demand at minute 0 needs with headroom, within the bounds. */
    private int initial(DemandTrace trace, int lo, int hi, Controller controller) {
        if (controller == null) {
            return lo;
        }
        double d = Double.NaN;
        for (int m = 0; m < trace.minutes() && Double.isNaN(d); m++) {
            d = trace.at(m);
        }
        int need = Double.isNaN(d) ? lo
                : (int) Math.ceil(d * (1 + settings.headroom()) / settings.perInstance() - EPS);
        return Math.max(lo, Math.min(Math.max(lo, hi), need));
    }
}
