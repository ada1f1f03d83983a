package io.prewarm.emergency;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;

/**
 * What every request passes before anything else: the per-client rate limit, the size limit and, for
 * mutating requests, authentication. Built once from {@link EmergencyConfig} and {@code PREWARM_API_TOKEN}.
 */
@ApplicationScoped
public class Guard {
    private final EmergencyConfig config;
    private final Authenticator auth;
    private final RateLimiter limiter;
    private final AlertMapper alerts;

    public Guard(EmergencyConfig config) {
        this.config = config;
        this.auth = new Authenticator(config.tokens(),
                ConfigProvider.getConfig().getOptionalValue("PREWARM_API_TOKEN", String.class),
                config.signatureWindow(), Clock.systemUTC());
        this.limiter = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
        this.alerts = new AlertMapper(config);
    }

    /**
     * Reads the tokens now, so that {@code serve} fails at start on a token that is too short (the message
     * names the property, never the value) instead of on the first request.
     *
     * @throws IllegalArgumentException naming the property at fault
     */
    public void checkTokens() {
        auth.hasTokens();
    }

    EmergencyConfig config() {
        return config;
    }

    AlertMapper alerts() {
        return alerts;
    }

    /** Rate limit only (reads). */
    public void admit(HttpServerRequest request) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        if (!limiter.tryAcquire(client)) {
            throw new ApiException(429, null, "too many requests from " + client + "; slow down");
        }
    }

    /**
     * Rate limit, size limit and authentication (writes).
     *
     * @param bodyNamesTarget whether the body names the environment and service acted on, so that a signature
     *                        over the body alone (the older form) is still accepted
     */
    Caller authenticate(HttpServerRequest request, HttpHeaders headers, byte[] body, boolean bodyNamesTarget) {
        admit(request);
        if (body != null && body.length > config.maxBodyBytes()) {
            throw new ApiException(413, null, "body of " + body.length + " bytes is over the limit of "
                    + config.maxBodyBytes());
        }
        if (!auth.hasTokens()) {
            throw new ApiException(401, null, "no token is configured (PREWARM_API_TOKEN or prewarm.emergency.tokens)");
        }
        return auth.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getHeaderString(Authenticator.TIMESTAMP), headers.getHeaderString(Authenticator.SIGNATURE),
                request.method().name(), request.path(), body == null ? new byte[0] : body, bodyNamesTarget);
    }
}
