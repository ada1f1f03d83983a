package io.prewarm.backtest;

import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyVariantTest {

    @Test
    void appliesHeadroomLeadAndCapLeavingTheRestAlone() {
        ServicePolicy base = TestPolicies.aws();
        ServicePolicy v = PolicyVariant.parse("headroom=0.3, prewarmLead=15m,safetyCapFactor=3,max=40").apply(base);
        assertThat(v.capacity().headroom()).isEqualTo(0.3);
        assertThat(v.rules().prewarmLead()).isEqualTo(Duration.ofMinutes(15));
        assertThat(v.rules().safetyCapFactor()).isEqualTo(3.0);
        assertThat(v.capacity().max()).isEqualTo(40);
        assertThat(v.capacity().min()).isEqualTo(base.capacity().min());
        assertThat(v.capacity().perInstance()).isEqualTo(base.capacity().perInstance());
        assertThat(v.rules().scaleDownCooldown()).isEqualTo(base.rules().scaleDownCooldown());
        assertThat(v.key()).isEqualTo(base.key());
    }

    @Test
    void switchesWhatTheScheduledFloorsCarryAndKeepsItOtherwise() {
        ServicePolicy base = TestPolicies.aws();
        assertThat(base.capacity().scheduleFor()).isEqualTo(ServicePolicy.ScheduleFor.FORECAST);
        ServicePolicy upper = PolicyVariant.parse("scheduleFor=upper").apply(base);
        assertThat(upper.capacity().scheduleFor()).isEqualTo(ServicePolicy.ScheduleFor.UPPER);
        assertThat(PolicyVariant.parse("headroom=0.3").apply(upper).capacity().scheduleFor())
                .isEqualTo(ServicePolicy.ScheduleFor.UPPER);
        assertThatThrownBy(() -> PolicyVariant.parse("scheduleFor=p95"))
                .hasMessageContaining("scheduleFor: 'p95' is not one of forecast, upper");
    }

    @Test
    void readsShortAndIsoDurations() {
        assertThat(PolicyVariant.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PolicyVariant.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(PolicyVariant.parseDuration("21d")).isEqualTo(Duration.ofDays(21));
        assertThat(PolicyVariant.parseDuration("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> PolicyVariant.parse("headroom=abc,colour=blue,max"))
                .hasMessageStartingWith("parsing what-if 'headroom=abc,colour=blue,max': ")
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("'max' is not key=value");
        assertThatThrownBy(() -> PolicyVariant.parse("prewarmLead=soon"))
                .hasMessageContaining("prewarmLead: 'soon' is not a duration such as 15m");
        assertThatThrownBy(() -> PolicyVariant.parse("scaleDownMaxPercent=120"))
                .hasMessageContaining("scaleDownMaxPercent: 120 is out of range");
        assertThatThrownBy(() -> PolicyVariant.parse(" , ")).hasMessageContaining("no change given");
    }

    @Test
    void describesTheChangesInTheOrderGiven() {
        assertThat(PolicyVariant.parse("prewarmLead=15m,headroom=0.3").describe()).isEqualTo("prewarmLead=15m,headroom=0.3");
    }
}
