package io.prewarm.emergency;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} is UP only once {@code serve} has cloned the GitOps repository and the webhook
 * can take actions: a load balancer or a Kubernetes readiness probe must not send an emergency to a
 * replica that would answer 503. Liveness is unaffected.
 */
@Readiness
@ApplicationScoped
public class EmergencyReadiness implements HealthCheck {
    @Inject
    EmergencyService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("emergency-webhook").status(service.ready()).build();
    }
}
