package io.prewarm.common;

import java.util.Optional;

/**
 * The leading indicators of a service (they matter more than CPU): request queue depth, p95 latency,
 * connection-pool use and requests per second per active thread, each a PromQL query with its alert
 * threshold. Any of them may be absent.
 *
 * @param queueDepthQuery       PromQL for the request queue depth
 * @param queueDepthMax         alert above this depth (default 10)
 * @param latencyP95Query       PromQL for p95 latency in seconds
 * @param latencyObjective      p95 objective in seconds
 * @param poolUsageQuery        PromQL for connection-pool use as a ratio 0..1
 * @param poolUsageMax          alert above this ratio (default 0.8)
 * @param rpsPerThreadQuery     PromQL for requests per second per active thread
 * @param rpsPerThreadBaseline  alert below this rate
 */
public record Indicators(Optional<String> queueDepthQuery, double queueDepthMax,
                         Optional<String> latencyP95Query, Optional<Double> latencyObjective,
                         Optional<String> poolUsageQuery, double poolUsageMax,
                         Optional<String> rpsPerThreadQuery, Optional<Double> rpsPerThreadBaseline) {
    public static final double DEFAULT_QUEUE_DEPTH_MAX = 10;
    public static final double DEFAULT_POOL_USAGE_MAX = 0.8;

    public Indicators {
        Checks.nonNull("queueDepthQuery, latencyP95Query, latencyObjective, poolUsageQuery, rpsPerThreadQuery, "
                        + "rpsPerThreadBaseline",
                queueDepthQuery, latencyP95Query, latencyObjective, poolUsageQuery, rpsPerThreadQuery,
                rpsPerThreadBaseline);
    }

    public static Indicators none() {
        return new Indicators(Optional.empty(), DEFAULT_QUEUE_DEPTH_MAX, Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_POOL_USAGE_MAX, Optional.empty(), Optional.empty());
    }
}
