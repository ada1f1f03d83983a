package io.prewarm.render.aws;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale-out steps: graded by breach when prewarm renders the alarm, one step otherwise. */
class AwsScalingPoliciesTest {
    @Test
    void theStepsAreSizedToTheBreachAboveAKnownThreshold() {
        // threshold 55 requests per instance: bands from 25%, 50% and 100% above it
        assertThat(AwsScalingPolicies.steps(20, Optional.of(55.0))).containsExactly(
                new AwsScalingPolicies.Step(0, Optional.of(13.75), 20),
                new AwsScalingPolicies.Step(13.75, Optional.of(27.5), 50),
                new AwsScalingPolicies.Step(27.5, Optional.of(55.0), 100),
                new AwsScalingPolicies.Step(55, Optional.empty(), 200));
        // a policy step of 60% swallows the +50% band: never a smaller step for a larger breach
        assertThat(AwsScalingPolicies.steps(60, Optional.of(55.0))).extracting(AwsScalingPolicies.Step::percent)
                .containsExactly(60, 100, 200);
        assertThat(AwsScalingPolicies.steps(250, Optional.of(10.0))).containsExactly(
                new AwsScalingPolicies.Step(0, Optional.empty(), 250));
    }

    @Test
    void withoutTheAlarmsThresholdThereIsOneStep() {
        // bounds are in the alarm metric's units: unknown when the user wires an alarm of their own
        assertThat(AwsScalingPolicies.steps(20, Optional.empty())).isEqualTo(
                List.of(new AwsScalingPolicies.Step(0, Optional.empty(), 20)));
    }
}
