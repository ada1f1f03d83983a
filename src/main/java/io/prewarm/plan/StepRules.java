package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.policy.ServicePolicy;

import java.time.Duration;

/**
 * The brief's step rules on a grid of plan steps, applied as a forward pass that only ever raises a
 * target profile: a rise adds at least {@code upPercent} of the current capacity (never +1 at a time),
 * a fall removes at most {@code floor(downPercent x fleet)} and only once per cooldown, and a scale-up
 * soon after a scale-down (a reversal, "soon" meaning within {@code backoffReset}) doubles the cooldown
 * up to {@code backoffMax}; {@code backoffReset} without a reversal restores the base cooldown.
 *
 * <p>The percentage is floored like Kubernetes' HPA scale-down policy does, so a fleet of fewer than
 * {@code 100 / downPercent} instances cannot shrink by rule: it is never allowed to remove more than
 * the share, and one instance of four is 25%.
 */
record StepRules(int upPercent, int downPercent, int cooldownSteps, int backoffMaxSteps, int backoffResetSteps,
                 int max) {

    StepRules {
        if (cooldownSteps < 1 || backoffMaxSteps < cooldownSteps || backoffResetSteps < 0) {
            throw new IllegalArgumentException("planning: invalid cooldowns " + cooldownSteps + "/" + backoffMaxSteps
                    + "/" + backoffResetSteps + " steps");
        }
    }

    static StepRules of(ServicePolicy.Rules rules, Duration step, int max) {
        int cooldown = stepsCeil(rules.scaleDownCooldown(), step);
        return new StepRules(rules.scaleUpMinPercent(), rules.scaleDownMaxPercent(), cooldown,
                Math.max(cooldown, stepsCeil(rules.backoffMax(), step)), stepsCeil(rules.backoffReset(), step), max);
    }

    static int stepsCeil(Duration d, Duration step) {
        long s = step.toSeconds();
        return (int) Math.max(1, (d.toSeconds() + s - 1) / s);
    }

    /** Smallest level a rise from {@code from} may reach. */
    int minRiseTo(int from) {
        return Math.min(max, from + Math.max(1, (from * upPercent + 99) / 100));
    }

    /** Smallest level one scale-down from {@code from} may reach. */
    int minDropTo(int from) {
        return from - from * downPercent / 100;
    }

    /** Where the pass stands: the capacity so far and the scale-down clock, at absolute step indexes. */
    record State(int level, long lastDrop, int cooldown, long lastReversal) {
        static State start(int level, int cooldown) {
            return new State(level, Long.MIN_VALUE / 4, cooldown, Long.MIN_VALUE / 4);
        }
    }

    /**
     * Output of a pass: levels, the rule that raised a level above its target (or null), states after
     * each step, and the absolute index of the first step (the states' clock).
     */
    record Shaped(int[] levels, ReasonCode[] raisedBy, State[] after, long firstIndex) {
    }

    /** One step: the level at absolute index {@code i} for {@code target}, given the state before it. */
    State step(State s, long i, int target, ReasonCode[] why, int at) {
        int cooldown = s.cooldown();
        long lastReversal = s.lastReversal();
        if (i - lastReversal >= backoffResetSteps && cooldown != cooldownSteps) {
            cooldown = cooldownSteps;
        }
        int prev = s.level();
        if (target > prev) {
            int level = Math.max(target, minRiseTo(prev));
            why[at] = level > target ? ReasonCode.SCALE_UP_STEP : null;
            if (i - s.lastDrop() <= backoffResetSteps) {
                cooldown = Math.min(backoffMaxSteps, cooldown * 2);
                lastReversal = i;
            }
            return new State(level, s.lastDrop(), cooldown, lastReversal);
        }
        if (target == prev) {
            why[at] = null;
            return new State(prev, s.lastDrop(), cooldown, lastReversal);
        }
        if (i - s.lastDrop() < cooldown) {
            why[at] = cooldown > cooldownSteps ? ReasonCode.BACKOFF : ReasonCode.SCALE_DOWN_STEP;
            return new State(prev, s.lastDrop(), cooldown, lastReversal);
        }
        int level = Math.max(target, minDropTo(prev));
        why[at] = level > target ? ReasonCode.SCALE_DOWN_STEP : null;
        return new State(level, level < prev ? i : s.lastDrop(), cooldown, lastReversal);
    }

    /** A linear pass over {@code targets} from {@code start}, absolute indexes from {@code firstIndex}. */
    Shaped linear(int[] targets, State start, long firstIndex) {
        int n = targets.length;
        int[] levels = new int[n];
        ReasonCode[] why = new ReasonCode[n];
        State[] after = new State[n];
        State s = start;
        for (int i = 0; i < n; i++) {
            s = step(s, firstIndex + i, targets[i], why, i);
            levels[i] = s.level();
            after[i] = s;
        }
        return new Shaped(levels, why, after, firstIndex);
    }

    /**
     * A pass over a weekly (cyclic) profile: laps around the week until the level at the wrap agrees,
     * so the schedule repeats without breaking a rule at the week's seam.
     */
    Shaped cyclic(int[] targets) {
        int n = targets.length;
        int top = 0;
        for (int t : targets) {
            top = Math.max(top, t);
        }
        State s = State.start(top, cooldownSteps);
        Shaped lap = null;
        for (int k = 0; k < 8; k++) {
            lap = linear(targets, s, (long) k * n);
            State end = lap.after()[n - 1];
            if (k > 0 && sameClock(end, (long) (k + 1) * n - 1, s, (long) k * n - 1)) {
                break;
            }
            s = end;
        }
        return lap;
    }

    /** Two states behave alike from here on: same level, cooldown and (clipped) time since the events. */
    private boolean sameClock(State a, long atA, State b, long atB) {
        long horizon = Math.max(backoffResetSteps, backoffMaxSteps) + 1L;
        return a.level() == b.level() && a.cooldown() == b.cooldown()
                && Math.min(horizon, atA - a.lastDrop()) == Math.min(horizon, atB - b.lastDrop())
                && Math.min(horizon, atA - a.lastReversal()) == Math.min(horizon, atB - b.lastReversal());
    }
}
