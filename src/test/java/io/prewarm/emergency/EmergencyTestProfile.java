package io.prewarm.emergency;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** One configuration for every emergency endpoint test, so Quarkus boots once for all of them. */
public class EmergencyTestProfile implements QuarkusTestProfile {
    static final String ALL = "all-scope-token-5f0c2a9e7b";
    static final String OPS = "ops-secret-3b1d77c9a2e4f6";
    static final String AM = "am-secret-9e8d7c6b5a4f3e2d";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("PREWARM_API_TOKEN", ALL),
                Map.entry("prewarm.emergency.tokens.ops.secret", OPS),
                Map.entry("prewarm.emergency.tokens.ops.actions", "scale-up,freeze,unfreeze"),
                Map.entry("prewarm.emergency.tokens.ops.services", "prod/search"),
                Map.entry("prewarm.emergency.tokens.am.secret", AM),
                Map.entry("prewarm.emergency.tokens.am.actions", "alertmanager,scale-up,freeze,unfreeze"),
                Map.entry("prewarm.emergency.rate-limit-per-second", "100000"),
                Map.entry("prewarm.emergency.rate-limit-burst", "100000"),
                Map.entry("prewarm.emergency.max-body-bytes", "8192"),
                Map.entry("prewarm.emergency.rules.queue.alertname", "CheckoutQueueDeep"),
                Map.entry("prewarm.emergency.rules.queue.match.team", "payments"),
                Map.entry("prewarm.emergency.rules.queue.action", "scale-up"),
                Map.entry("prewarm.emergency.rules.queue.service", "checkout"),
                Map.entry("prewarm.emergency.rules.queue.environment", "prod"),
                Map.entry("prewarm.emergency.rules.queue.step", "+50%"),
                Map.entry("prewarm.emergency.rules.queue.on-resolved", "end"));
    }
}
