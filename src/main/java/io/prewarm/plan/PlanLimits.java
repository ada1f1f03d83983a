package io.prewarm.plan;

import io.prewarm.policy.ServicePolicy;

import java.util.List;
import java.util.Optional;

/**
 * The limits a plan works within, derived once from the policy and the normal peak.
 *
 * <p>The normal peak in instances uses the same conversion as every step ({@code ceil(peak x (1 +
 * headroom) / perInstance)}); the safety cap is {@code ceil(factor x normalPeak)}. The effective max is
 * the policy max lowered to the cap, but never below the policy min (the min wins, with a note). Without
 * a normal peak (no history) the cap is not applied, also with a note.
 */
record PlanLimits(int min, int max, int policyMax, int safetyCap, int normalPeak, double normalPeakDemand,
                  double perInstance, double headroom, boolean capBinding, double safetyCapFactor) {

    static PlanLimits of(ServicePolicy policy, double normalPeakDemand, Optional<CapacityHistory> history,
                         List<String> notes) {
        ServicePolicy.Capacity c = policy.capacity();
        double perInstance;
        if (c.perInstance().isPresent()) {
            perInstance = c.perInstance().get();
        } else if (history.isPresent()) {
            CapacityHistory.Learned learned;
            try {
                learned = history.get().learn();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("planning " + policy.key() + ": " + e.getMessage(), e);
            }
            perInstance = learned.perInstance();
            notes.add(learned.evidence());
        } else {
            throw new IllegalArgumentException("planning " + policy.key() + ": capacity.perInstance is not set and no"
                    + " instance and latency history was given to learn it from");
        }
        if (!(perInstance > 0) || Double.isInfinite(perInstance)) {
            throw new IllegalArgumentException("planning " + policy.key() + ": capacity.perInstance must be positive, got "
                    + perInstance);
        }
        if (c.min() < 0 || c.max() < c.min()) {
            throw new IllegalArgumentException("planning " + policy.key() + ": limits min " + c.min() + " max " + c.max()
                    + " are inconsistent");
        }
        PlanLimits probe = new PlanLimits(c.min(), c.max(), c.max(), c.max(), 0, normalPeakDemand, perInstance,
                c.headroom(), false, policy.rules().safetyCapFactor());
        int normalPeak = Requirements.instances(normalPeakDemand, probe);
        int cap;
        if (normalPeakDemand <= 0) {
            cap = c.max();
            notes.add("no normal peak in history: safety cap not applied, max " + c.max() + " in force");
        } else {
            cap = (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(policy.rules().safetyCapFactor() * normalPeak - 1e-9));
        }
        int max = Math.min(c.max(), cap);
        boolean capBinding = cap < c.max();
        if (max < c.min()) {
            notes.add("safety cap " + cap + " is below min " + c.min() + ": min wins");
            max = c.min();
        }
        return new PlanLimits(c.min(), max, c.max(), cap, normalPeak, normalPeakDemand, perInstance, c.headroom(),
                capBinding, policy.rules().safetyCapFactor());
    }
}
