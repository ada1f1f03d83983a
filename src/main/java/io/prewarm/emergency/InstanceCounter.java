package io.prewarm.emergency;

import io.prewarm.policy.ServicePolicy;

import java.util.OptionalInt;

/** The current instance count of a service (from the policy's {@code instanceQuery}); empty when unknown. */
@FunctionalInterface
public interface InstanceCounter {
    OptionalInt current(ServicePolicy policy);

    /** No source of current counts: requests must give them. */
    static InstanceCounter none() {
        return p -> OptionalInt.empty();
    }
}
