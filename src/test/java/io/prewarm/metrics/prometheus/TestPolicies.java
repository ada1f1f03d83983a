package io.prewarm.metrics.prometheus;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.policy.ServicePolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A minimal valid policy around a demand query. */
final class TestPolicies {
    private TestPolicies() {
    }

    static ServicePolicy policy(String env, String service, String query, ServicePolicy.Aggregation aggregation,
                                Optional<String> instanceQuery) {
        return new ServicePolicy(Path.of("policies/" + service + ".yaml"), ServiceKey.of(env, service),
                new Target(TargetKind.AWS_ASG, service + "-asg", Map.of()),
                new ServicePolicy.Demand(query, Duration.ofMinutes(5), Duration.ofDays(28), aggregation, instanceQuery),
                new ServicePolicy.Capacity(Optional.of(100.0), 0.2, 2, 50),
                new ServicePolicy.Rules(Duration.ofMinutes(10), 20, 20, Duration.ofMinutes(30), Duration.ofHours(4),
                        Duration.ofHours(24), 5),
                ZoneId.of("UTC"), new ServicePolicy.Holidays("none", List.of()), List.of(), Indicators.none());
    }
}
