package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who made a request: the token's name (never its secret), the actions it may take, optionally the
 * services it may act on ({@code environment/service} or a bare {@code service}) and, for a signed request,
 * the digest of its signature (replay protection).
 */
public record Caller(String name, Set<String> actions, Optional<Set<String>> services, Optional<SignedRequest> signed) {
    public Caller {
        Objects.requireNonNull(name, "name");
        actions = Set.copyOf(actions);
        services = services == null ? Optional.empty() : services.map(Set::copyOf);
        signed = signed == null ? Optional.empty() : signed;
    }

    static Caller of(String name, List<String> actions, Optional<List<String>> services) {
        return new Caller(name, Set.copyOf(actions), services.map(Set::copyOf), Optional.empty());
    }

    /** This caller, having made a request accepted by its signature. */
    Caller signed(SignedRequest request) {
        return new Caller(name, actions, services, Optional.of(request));
    }

    /** May this caller take {@code action}? */
    public boolean may(String action) {
        return actions.contains("*") || actions.contains(action);
    }

    /** May this caller act on {@code key}? */
    public boolean mayTouch(ServiceKey key) {
        return services.map(s -> s.contains(key.path()) || s.contains(key.service().value())).orElse(true);
    }

    /** Fails with 403 unless the caller may take {@code action} on {@code key} (null key: any). */
    public void require(String action, ServiceKey key) {
        if (!may(action)) {
            throw new ApiException(403, null, "token " + name + " may not " + action);
        }
        if (key != null && !mayTouch(key)) {
            throw new ApiException(403, null, "token " + name + " may not act on " + key);
        }
    }
}
