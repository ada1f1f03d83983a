package io.prewarm.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * History for learning the capacity of one instance when the policy does not give it: per sample (same
 * grid), the demand, the instance count and the p95 latency, plus the latency objective.
 *
 * @param demand           demand per sample (NaN where missing)
 * @param instances        instance count per sample (NaN where missing)
 * @param latencyP95       p95 latency in seconds per sample (NaN where missing)
 * @param latencyObjective the p95 objective in seconds: samples at or under it count as healthy
 */
public record CapacityHistory(double[] demand, double[] instances, double[] latencyP95, double latencyObjective) {
    /** Fewer healthy samples than this give no trustworthy estimate. */
    public static final int MIN_HEALTHY_SAMPLES = 30;
    /** The rate one healthy instance carried, as this percentile: high, but robust to a few outliers. */
    public static final double PERCENTILE = 0.90;

    public CapacityHistory {
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(latencyP95, "latencyP95");
        if (demand.length != instances.length || demand.length != latencyP95.length) {
            throw new IllegalArgumentException("capacity history series differ in length: " + demand.length + ", "
                    + instances.length + ", " + latencyP95.length);
        }
        if (!(latencyObjective > 0)) {
            throw new IllegalArgumentException("latency objective must be positive, got " + latencyObjective);
        }
        demand = demand.clone();
        instances = instances.clone();
        latencyP95 = latencyP95.clone();
    }

    /** A copy: the history stays immutable. */
    @Override
    public double[] demand() {
        return demand.clone();
    }

    /** A copy: the history stays immutable. */
    @Override
    public double[] instances() {
        return instances.clone();
    }

    /** A copy: the history stays immutable. */
    @Override
    public double[] latencyP95() {
        return latencyP95.clone();
    }

    /** Samples per series. */
    public int length() {
        return demand.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapacityHistory h && Arrays.equals(demand, h.demand) && Arrays.equals(instances, h.instances)
                && Arrays.equals(latencyP95, h.latencyP95)
                && Double.compare(latencyObjective, h.latencyObjective) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(demand), Arrays.hashCode(instances), Arrays.hashCode(latencyP95),
                latencyObjective);
    }

    @Override
    public String toString() {
        return "CapacityHistory[samples=" + demand.length + ", latencyObjective=" + latencyObjective + "]";
    }

    /** The learned capacity per instance and the evidence behind it. */
    public record Learned(double perInstance, int healthySamples, int excludedSamples, double latencyObjective) {
        public String evidence() {
            return String.format(Locale.ROOT, "capacity per instance learned from history: %.2f = p%d of demand per"
                            + " instance over %d healthy samples (p95 latency <= %.3f s); %d samples excluded",
                    perInstance, Math.round(PERCENTILE * 100), healthySamples, latencyObjective, excludedSamples);
        }
    }

    /**
     * Demand per instance in every healthy sample (finite demand above zero, at least one instance,
     * p95 latency at or under the objective), then its {@link #PERCENTILE} (nearest rank).
     *
     * @throws IllegalArgumentException when fewer than {@link #MIN_HEALTHY_SAMPLES} samples are healthy
     */
    public Learned learn() {
        double[] rates = new double[demand.length];
        int k = 0;
        for (int i = 0; i < demand.length; i++) {
            double d = demand[i];
            double n = instances[i];
            double l = latencyP95[i];
            if (Double.isFinite(d) && d > 0 && Double.isFinite(n) && n >= 1 && Double.isFinite(l)
                    && l <= latencyObjective) {
                rates[k++] = d / n;
            }
        }
        if (k < MIN_HEALTHY_SAMPLES) {
            throw new IllegalArgumentException("learning capacity per instance: only " + k + " healthy samples of "
                    + demand.length + " (need " + MIN_HEALTHY_SAMPLES + ")");
        }
        double[] healthy = Arrays.copyOf(rates, k);
        Arrays.sort(healthy);
        int rank = (int) Math.ceil(PERCENTILE * k) - 1;
        return new Learned(healthy[Math.max(0, rank)], k, demand.length - k, latencyObjective);
    }
}
