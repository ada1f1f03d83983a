package io.prewarm.backtest;

import io.prewarm.common.HpaRates;

import java.util.List;
import java.util.Objects;

/**
 * A Kubernetes HorizontalPodAutoscaler {@code behavior}: per direction a stabilization window, rate
 * policies and how to select among them, with the meaning the autoscaling/v2 API gives them.
 *
 * @param up   scale-up rules
 * @param down scale-down rules
 */
public record HpaBehavior(Rules up, Rules down) {
    public HpaBehavior {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** {@code Max} picks the policy allowing the largest change, {@code Min} the smallest. */
    public enum Select { MAX, MIN, DISABLED }

    /** {@code Pods}: a number of pods per period; {@code Percent}: a share of the pods at the period's start. */
    public enum PolicyType { PODS, PERCENT }

    /** One rate policy. */
    public record Policy(PolicyType type, int value, int periodSeconds) {
        public Policy {
            Objects.requireNonNull(type, "type");
            if (value <= 0 || periodSeconds < 1 || periodSeconds > 1800) {
                throw new IllegalArgumentException("hpa policy: value must be > 0 and period 1..1800 s, got "
                        + value + " per " + periodSeconds + " s");
            }
        }
    }

    /** The rules of one direction. */
    public record Rules(int stabilizationSeconds, Select select, List<Policy> policies) {
        public Rules {
            Objects.requireNonNull(select, "select");
            policies = List.copyOf(policies);
            if (stabilizationSeconds < 0 || stabilizationSeconds > 3600) {
                throw new IllegalArgumentException("hpa stabilization window must be 0..3600 s, got "
                        + stabilizationSeconds);
            }
        }
    }

    /**
     * The API defaults: scale up with no stabilization, by the larger of 100% and 4 pods per 15 s; scale
     * down after a 300 s stabilization window, by up to 100% per 15 s.
     */
    public static HpaBehavior defaults() {
        return new HpaBehavior(
                new Rules(0, Select.MAX, List.of(new Policy(PolicyType.PERCENT, 100, 15), new Policy(PolicyType.PODS, 4, 15))),
                new Rules(300, Select.MAX, List.of(new Policy(PolicyType.PERCENT, 100, 15))));
    }

    /**
     * The behaviour prewarm renders for an HPA or a KEDA ScaledObject ({@link HpaRates}): scale up by the
     * larger of the policy's step and a few pods per minute, with no stabilization; scale down by at most
     * the policy's share per window, stabilized over the window.
     */
    public static HpaBehavior rendered(HpaRates r) {
        Rules up = new Rules(0, Select.MAX, List.of(new Policy(PolicyType.PERCENT, Math.max(1, r.upPercent()),
                HpaRates.UP_PERIOD), new Policy(PolicyType.PODS, r.upPods(), HpaRates.UP_PERIOD)));
        Rules down = r.downPercent() <= 0 ? new Rules(r.downStabilization(), Select.DISABLED, List.of())
                : new Rules(r.downStabilization(), Select.MIN,
                List.of(new Policy(PolicyType.PERCENT, Math.min(100, r.downPercent()), r.downPeriod())));
        return new HpaBehavior(up, down);
    }
}
