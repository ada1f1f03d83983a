package io.prewarm.plan;

import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The vertical floor: the cheapest instance size whose minimum fleet carries baseline traffic.
 * Baseline traffic is the median of the point forecast over the horizon (the usual, non-peak level),
 * with the policy's headroom; the minimum fleet is the policy min (at least one instance). Ties in
 * price go to the larger capacity, then the name, so the choice is stable.
 */
final class VerticalFloors {
    private VerticalFloors() {
    }

    static Optional<CapacityPlan.VerticalFloor> recommend(ServicePolicy policy, Forecast forecast, PlanLimits limits) {
        if (policy.instanceSizes().isEmpty()) {
            return Optional.empty();
        }
        double[] point = forecast.point();
        double[] sorted = Arrays.copyOf(point, point.length);
        Arrays.sort(sorted);
        double baseline = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        int fleet = Math.max(1, limits.min());
        double needed = baseline * (1 + limits.headroom());
        return policy.instanceSizes().stream()
                .filter(s -> s.capacity() * fleet >= needed)
                .min(Comparator.comparingDouble((ServicePolicy.InstanceSize s) -> s.pricePerHour())
                        .thenComparing(s -> -s.capacity())
                        .thenComparing(ServicePolicy.InstanceSize::name))
                .map(s -> new CapacityPlan.VerticalFloor(s.name(), fleet, baseline, s.pricePerHour()));
    }
}
