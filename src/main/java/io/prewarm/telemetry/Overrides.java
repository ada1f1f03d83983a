package io.prewarm.telemetry;

import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;

/** Keeps the active-override gauges of a service in step with its stored overrides. */
final class Overrides {
    static final String FREEZE = "freeze";
    static final String SCALE_UP = "scale_up";

    private Overrides() {
    }

    /** Sets the gauges for what is active and removes those of what is not (an ended override disappears). */
    static synchronized void track(PrewarmMetrics m, ServiceKey key, ServiceOverrides active) {
        String env = key.environment().value();
        String svc = key.service().value();
        if (active.freeze().isPresent()) {
            ServiceOverrides.Freeze f = active.freeze().get();
            m.overrideActive.labelValues(env, svc, FREEZE).set(1);
            m.overrideSince.labelValues(env, svc, FREEZE).set(f.createdAt().getEpochSecond());
            if (f.expiresAt().isPresent()) {
                m.overrideExpires.labelValues(env, svc, FREEZE).set(f.expiresAt().get().getEpochSecond());
            } else {
                m.overrideExpires.remove(env, svc, FREEZE);
            }
        } else {
            remove(m, env, svc, FREEZE);
        }
        if (active.scaleUp().isPresent()) {
            ServiceOverrides.ScaleUp s = active.scaleUp().get();
            m.overrideActive.labelValues(env, svc, SCALE_UP).set(1);
            m.overrideSince.labelValues(env, svc, SCALE_UP).set(s.createdAt().getEpochSecond());
            m.overrideExpires.labelValues(env, svc, SCALE_UP).set(s.expiresAt().getEpochSecond());
        } else {
            remove(m, env, svc, SCALE_UP);
        }
    }

    private static void remove(PrewarmMetrics m, String env, String svc, String kind) {
        m.overrideActive.remove(env, svc, kind);
        m.overrideSince.remove(env, svc, kind);
        m.overrideExpires.remove(env, svc, kind);
    }
}
