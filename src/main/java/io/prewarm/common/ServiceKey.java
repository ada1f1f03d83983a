package io.prewarm.common;

import java.util.Comparator;
import java.util.Objects;

/** A service in an environment: the unit prewarm plans, renders and freezes. */
public record ServiceKey(Environment environment, ServiceId service) implements Comparable<ServiceKey> {
    private static final Comparator<ServiceKey> ORDER =
            Comparator.comparing(ServiceKey::environment).thenComparing(ServiceKey::service);

    public ServiceKey {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(service, "service");
    }

    public static ServiceKey of(String environment, String service) {
        return new ServiceKey(new Environment(environment), new ServiceId(service));
    }

    /** {@code <environment>/<service>}, the folder under {@code generated/}. */
    public String path() {
        return environment.value() + "/" + service.value();
    }

    @Override
    public int compareTo(ServiceKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return path();
    }
}
