package io.prewarm.backtest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The Kubernetes HPA replica calculation for one resource-utilisation metric, as documented and as
 * {@code pkg/controller/podautoscaler} implements it:
 *
 * <ol>
 *   <li>{@code ratio = currentMetric / target} over ready pods; within the tolerance (0.1) of 1 nothing
 *       changes, otherwise {@code desired = ceil(ratio x readyPods)}. When scaling up with pods not yet
 *       ready, those pods count as using 0% and the ratio is recomputed over all pods; if that flips the
 *       direction or falls within the tolerance nothing changes;</li>
 *   <li>stabilization: the result is bounded below by the smallest recommendation inside the scale-up
 *       window and above by the largest inside the scale-down window;</li>
 *   <li>rate policies: a change is limited by the pods at the start of each policy's period (current
 *       replicas minus the changes made within the period), picking the policy per {@code select};</li>
 *   <li>{@code minReplicas} and {@code maxReplicas}; below min the HPA goes straight to min.</li>
 * </ol>
 * Time is in seconds, supplied by the caller; the state (recommendations and scale events) is the
 * controller's memory.
 */
final class Hpa {
    /** The HPA's default tolerance. */
    static final double TOLERANCE = 0.1;

    private final HpaBehavior behavior;
    private final double tolerance;
    private final Deque<long[]> recommendations = new ArrayDeque<>();
    private final Deque<long[]> upEvents = new ArrayDeque<>();
    private final Deque<long[]> downEvents = new ArrayDeque<>();

    Hpa(HpaBehavior behavior, double tolerance) {
        this.behavior = behavior;
        this.tolerance = tolerance;
    }

    /**
     * The replica proposal before stabilization and rate limits.
     *
     * @param current      replicas now (spec)
     * @param ready        ready pods with a metric
     * @param unready      pods not yet ready
     * @param usageOfReady average metric value over the ready pods
     * @param target       target metric value per pod
     */
    int proposal(int current, int ready, int unready, double usageOfReady, double target) {
        if (ready == 0) {
            return current; // no metrics from ready pods: the HPA does not act
        }
        double ratio = usageOfReady / target;
        boolean upWithUnready = unready > 0 && ratio > 1.0;
        if (!upWithUnready) {
            if (Math.abs(1.0 - ratio) <= tolerance) {
                return current;
            }
            return (int) Math.ceil(ratio * ready);
        }
        double newRatio = usageOfReady * ready / (ready + unready) / target;
        if (Math.abs(1.0 - newRatio) <= tolerance || newRatio < 1.0) {
            return current;
        }
        int replicas = (int) Math.ceil(newRatio * (ready + unready));
        return replicas < current ? current : replicas;
    }

    /**
     * One sync of the HPA at {@code nowSeconds}: the new replica count.
     */
    int sync(long nowSeconds, int current, int ready, int unready, double usageOfReady, double target, int min,
             int max) {
        int desired;
        if (current > max) {
            desired = max;
        } else if (current < min) {
            desired = min;
        } else {
            int proposed = proposal(current, ready, unready, usageOfReady, target);
            int stabilized = stabilize(nowSeconds, current, proposed);
            desired = limitRate(nowSeconds, current, stabilized, min, max);
        }
        if (desired > current) {
            upEvents.addLast(new long[] {nowSeconds, desired - current});
        } else if (desired < current) {
            downEvents.addLast(new long[] {nowSeconds, current - desired});
        }
        return desired;
    }

    int stabilize(long now, int current, int proposed) {
        long upCutoff = now - behavior.up().stabilizationSeconds();
        long downCutoff = now - behavior.down().stabilizationSeconds();
        int upRec = proposed;
        int downRec = proposed;
        long keep = now - Math.max(behavior.up().stabilizationSeconds(), behavior.down().stabilizationSeconds());
        for (Iterator<long[]> it = recommendations.iterator(); it.hasNext(); ) {
            long[] r = it.next();
            if (r[0] <= keep) {
                it.remove();
                continue;
            }
            if (r[0] > upCutoff) {
                upRec = Math.min(upRec, (int) r[1]);
            }
            if (r[0] > downCutoff) {
                downRec = Math.max(downRec, (int) r[1]);
            }
        }
        recommendations.addLast(new long[] {now, proposed});
        int rec = current;
        if (rec < upRec) {
            rec = upRec;
        }
        if (rec > downRec) {
            rec = downRec;
        }
        return rec;
    }

    private int limitRate(long now, int current, int desired, int min, int max) {
        if (desired > current) {
            int limit = scaleUpLimit(now, current);
            limit = Math.max(limit, current);
            return Math.min(desired, Math.min(max, limit));
        }
        if (desired < current) {
            int limit = scaleDownLimit(now, current);
            limit = Math.min(limit, current);
            return Math.max(desired, Math.max(min, limit));
        }
        return Math.max(min, Math.min(max, desired));
    }

    int scaleUpLimit(long now, int current) {
        HpaBehavior.Rules r = behavior.up();
        if (r.select() == HpaBehavior.Select.DISABLED) {
            return current;
        }
        boolean pickMin = r.select() == HpaBehavior.Select.MIN;
        int result = pickMin ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HpaBehavior.Policy p : r.policies()) {
            int start = current - changes(upEvents, now, p.periodSeconds()) + changes(downEvents, now, p.periodSeconds());
            int proposed = p.type() == HpaBehavior.PolicyType.PODS ? start + p.value()
                    : (int) Math.ceil(start * (1 + p.value() / 100.0));
            result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return r.policies().isEmpty() ? current : result;
    }

    int scaleDownLimit(long now, int current) {
        HpaBehavior.Rules r = behavior.down();
        if (r.select() == HpaBehavior.Select.DISABLED) {
            return current;
        }
        boolean pickMin = r.select() == HpaBehavior.Select.MIN;
        int result = pickMin ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HpaBehavior.Policy p : r.policies()) {
            int start = current - changes(upEvents, now, p.periodSeconds()) + changes(downEvents, now, p.periodSeconds());
            int proposed = p.type() == HpaBehavior.PolicyType.PODS ? start - p.value()
                    : (int) (start * (1 - p.value() / 100.0));
            // Min change for scale-down is the highest floor; Max change the lowest
            result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return r.policies().isEmpty() ? current : result;
    }

    /** Sum of the changes strictly inside the last {@code period} seconds; older events are dropped. */
    private static int changes(Deque<long[]> events, long now, int period) {
        long cutoff = now - period;
        int sum = 0;
        for (long[] e : events) {
            if (e[0] > cutoff) {
                sum += (int) e[1];
            }
        }
        while (!events.isEmpty() && events.peekFirst()[0] <= now - 1800) {
            events.removeFirst();
        }
        return sum;
    }
}
