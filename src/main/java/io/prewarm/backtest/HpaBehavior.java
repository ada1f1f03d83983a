package io.prewarm.backtest;

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
     * What a prewarm policy asks of an HPA: the API's fast scale-up, and a gentle scale-down of at most
     * {@code downPercent} per cooldown window, stabilized over the same window (at least the API's 300 s).
     */
    public static HpaBehavior forPolicy(int downPercent, int cooldownSeconds) {
        int period = Math.max(1, Math.min(1800, cooldownSeconds));
        int window = Math.min(3600, Math.max(300, cooldownSeconds));
        Rules down = downPercent <= 0 ? new Rules(window, Select.DISABLED, List.of())
                : new Rules(window, Select.MIN, List.of(new Policy(PolicyType.PERCENT, Math.min(100, downPercent), period)));
        return new HpaBehavior(defaults().up(), down);
    }
}
