package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.Forecast;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Demand to instances over the horizon, before the step rules: {@code required = ceil(demand x (1 +
 * headroom) / perInstance)}, where demand is the forecast line the policy schedules for (the point
 * forecast, or the upper bound with {@code capacity.scheduleFor: upper}), clamped to the floor in force
 * (policy min, raised by an active emergency floor) and to the effective max, then raised so that each
 * step already carries what is needed up to {@code lead} later (pre-warm). Each step keeps the reason that set its value.
 */
final class Requirements {
    /** Tolerance for {@code ceil} so that 100 x 1.2 / 120 is one instance, not two. */
    private static final double EPS = 1e-9;

    final int n;
    final double[] demand;
    final int[] required;
    final int[] target;
    final ReasonCode[] targetReason;
    /** The target without the emergency floor: what the weekly schedule is built from. */
    final int[] normalTarget;
    final ReasonCode[] normalReason;
    final boolean[] holiday;
    final boolean[] emergency;

    Requirements(Forecast forecast, double[] demand, PlanLimits limits, ZoneId zone, Set<LocalDate> holidays,
                 Optional<PlanInput.EmergencyFloor> floor) {
        this.n = forecast.horizon();
        if (demand.length != n) {
            throw new IllegalArgumentException("demand line has " + demand.length + " steps, forecast " + n);
        }
        this.demand = demand.clone();
        this.required = new int[n];
        this.target = new int[n];
        this.targetReason = new ReasonCode[n];
        this.holiday = new boolean[n];
        this.emergency = new boolean[n];
        this.normalTarget = new int[n];
        this.normalReason = new ReasonCode[n];
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            required[i] = instances(demand[i], limits);
            sorted[i] = required[i];
        }
        Arrays.sort(sorted);
        int median = n == 0 ? 0 : sorted[n / 2];
        for (int i = 0; i < n; i++) {
            holiday[i] = holidays.contains(forecast.timeAt(i).atZone(zone).toLocalDate());
            int min = limits.min();
            boolean emergencyHere = false;
            if (floor.isPresent() && floor.get().activeAt(forecast.timeAt(i)) && floor.get().min() > min) {
                min = Math.min(floor.get().min(), limits.max());
                emergencyHere = min > limits.min();
            }
            emergency[i] = emergencyHere;
            clamp(i, min, emergencyHere, limits, median, target, targetReason);
            clamp(i, limits.min(), false, limits, median, normalTarget, normalReason);
        }
    }

    private void clamp(int i, int min, boolean emergencyHere, PlanLimits limits, int median, int[] out,
                       ReasonCode[] why) {
        int r = required[i];
        if (r > limits.max()) {
            out[i] = limits.max();
            why[i] = limits.capBinding() ? ReasonCode.SAFETY_CAP : ReasonCode.MAX_LIMIT;
        } else if (r < min) {
            out[i] = min;
            why[i] = emergencyHere ? ReasonCode.EMERGENCY_FLOOR : ReasonCode.MIN_LIMIT;
        } else {
            out[i] = r;
            why[i] = r > median ? ReasonCode.PREDICTED_PEAK : ReasonCode.BASELINE;
        }
    }

    /** A limit reason stays the reason of the steps pre-warmed for it: clamping must be visible. */
    static boolean isLimit(ReasonCode r) {
        return r == ReasonCode.SAFETY_CAP || r == ReasonCode.MAX_LIMIT || r == ReasonCode.EMERGENCY_FLOOR;
    }

    static int instances(double demand, PlanLimits limits) {
        double x = Math.max(0, demand) * (1 + limits.headroom()) / limits.perInstance();
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(x - EPS));
    }

    /**
     * Pre-warm over a line: {@code out[i] = max(values[i..i+lead])}; {@code from[i]} is the step that set it
     * (the earliest one with the maximum). Sliding-window maximum, {@code O(n)} amortised.
     */
    static int[] leadMax(int[] values, int lead, boolean cyclic, int[] from) {
        int n = values.length;
        int[] out = new int[n];
        int span = cyclic ? Math.min(lead, n - 1) : lead;
        int total = cyclic ? n + span : n;
        int[] dq = new int[total];
        int head = 0;
        int tail = 0;
        // scan right to left so the window [i, i+lead] is "already seen"
        for (int p = total - 1; p >= 0; p--) {
            int v = values[p % n];
            while (tail > head && values[dq[tail - 1] % n] <= v) {
                tail--;
            }
            dq[tail++] = p;
            while (dq[head] > p + span) {
                head++;
            }
            if (p < n) {
                out[p] = values[dq[head] % n];
                from[p] = dq[head] % n;
            }
        }
        return out;
    }
}
