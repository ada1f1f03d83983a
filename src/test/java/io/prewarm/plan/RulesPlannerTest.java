package io.prewarm.plan;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.Forecast;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.prewarm.plan.Fixtures.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesPlannerTest {
    private static final Duration STEP = Duration.ofMinutes(5);
    private final RulesPlanner planner = new RulesPlanner();

    private CapacityPlan plan(ServicePolicy policy, double[] upper, double normalPeak) {
        return plan(policy, upper, normalPeak, Optional.empty(), Set.of());
    }

    private CapacityPlan plan(ServicePolicy policy, double[] upper, double normalPeak,
                              Optional<PlanInput.EmergencyFloor> floor, Set<LocalDate> holidays) {
        Forecast f = Fixtures.forecast(MONDAY, STEP, upper);
        CapacityPlan p = planner.plan(new PlanInput(policy, f, normalPeak, floor, MONDAY, holidays));
        assertThat(PlanChecks.violations(p)).as("invariants").isEmpty();
        return p;
    }

    private static int capacityAt(CapacityPlan p, String localTime, int day) {
        int perDay = 288;
        String[] hm = localTime.split(":");
        int idx = day * perDay + (Integer.parseInt(hm[0]) * 60 + Integer.parseInt(hm[1])) / 5;
        return p.timeline().get(idx).capacity();
    }

    @Test
    void withScheduleForUpperRequiredFollowsTheUpperBound() {
        ServicePolicy base = Fixtures.policy(TargetKind.AWS_ASG, 1, 500, 120, 0.2, Fixtures.defaultRules(), STEP);
        ServicePolicy.Capacity c = base.capacity();
        ServicePolicy policy = new ServicePolicy(base.source(), base.key(), base.target(), base.demand(),
                new ServicePolicy.Capacity(c.perInstance(), c.headroom(), c.min(), c.max(),
                        ServicePolicy.ScheduleFor.UPPER), base.rules(), base.zone(), base.holidays(),
                base.instanceSizes(), base.indicators());
        CapacityPlan p = plan(policy, Fixtures.businessWeek(STEP, 100, 1180), 1180);
        // upper = 1.1 x 1180 = 1298; 1298 x 1.2 / 120 = 12.98 -> 13 (the point forecast alone needs 12)
        assertThat(p.timeline().get(9 * 12).required()).isEqualTo(13);
        assertThat(p.timeline().get(9 * 12).demand()).isCloseTo(1298.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.notes()).anyMatch(n -> n.contains("capacity.scheduleFor: upper"));
    }

    @Test
    void floorsOnThePointForecastWithoutAReactiveTriggerAreFlaggedInTheNotes() {
        // Fixtures' AWS target names no CloudWatch metric: nothing prewarm renders triggers its step scaling
        CapacityPlan p = plan(Fixtures.policy(), Fixtures.businessWeek(STEP, 300, 3000), 3000);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("scheduled floors carry the point forecast plus 0% headroom"));
        assertThat(p.notes()).anyMatch(n -> n.startsWith("warning: nothing prewarm renders drives this target's reactive"
                + " layer (target.cloudwatchMetric is not set)"));
        ServicePolicy k8s = Fixtures.policy(TargetKind.KUBERNETES_HPA, 2, 200, 100, 0.0, Fixtures.defaultRules(), STEP);
        assertThat(plan(k8s, Fixtures.businessWeek(STEP, 300, 3000), 3000).notes()).noneMatch(n -> n.startsWith("warning"));
    }

    @Test
    void requiredIsTheForecastWithHeadroomOverPerInstanceRoundedUp() {
        ServicePolicy policy = Fixtures.policy(TargetKind.AWS_ASG, 1, 500, 120, 0.2, Fixtures.defaultRules(), STEP);
        double[] d = Fixtures.businessWeek(STEP, 100, 1180);
        CapacityPlan p = plan(policy, d, 1180);
        // 1180 x 1.2 / 120 = 11.8 -> 12; 100 x 1.2 / 120 = 1.0 -> 1 (no float drift to 2)
        assertThat(p.timeline().get(9 * 12).required()).isEqualTo(12);
        assertThat(p.timeline().get(0).required()).isEqualTo(1);
    }

    @Test
    void capacityForAPredictedRiseIsInPlaceTheLeadBeforeIt() {
        CapacityPlan p = plan(Fixtures.policy(), Fixtures.businessWeek(STEP, 300, 3000), 3000);
        assertThat(capacityAt(p, "08:50", 0)).isGreaterThanOrEqualTo(30);
        assertThat(capacityAt(p, "08:45", 0)).isLessThan(30);
        ScalingAction mon = p.actions().stream().filter(a -> a.name().equals("mon-0850")).findFirst().orElseThrow();
        assertThat(mon.cron()).contains("50 8 * * 1");
        assertThat(mon.min()).isEqualTo(30);
        assertThat(mon.reason()).isEqualTo(ReasonCode.PREWARM);
        assertThat(mon.detail()).contains("required 30").contains("10m");
        assertThat(mon.desired()).isEqualTo(-1);
        assertThat(mon.max()).isEqualTo(p.limits().max());
    }

    @Test
    void aRiseAddsAtLeastTwentyPercentNeverOneAtATime() {
        double[] d = new double[7 * 288];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1000 + 100 * ((i % 288) / 6); // +1 instance every 30 minutes all day
        }
        CapacityPlan p = plan(Fixtures.policy(), d, 4000);
        List<PlanStep> t = p.timeline();
        for (int i = 1; i < t.size(); i++) {
            int prev = t.get(i - 1).capacity();
            if (t.get(i).capacity() > prev) {
                assertThat(t.get(i).capacity()).isGreaterThanOrEqualTo(prev + Math.max(1, (prev * 20 + 99) / 100));
            }
        }
        assertThat(p.reasons()).contains(ReasonCode.SCALE_UP_STEP);
    }

    @Test
    void scaleDownNeverRemovesMoreThanTwentyPercentPerWindow() {
        CapacityPlan p = plan(Fixtures.policy(), Fixtures.businessWeek(STEP, 100, 10000), 10000);
        // 17:00 the demand drops from 100 to 1 instance; the fleet walks down 100, 80, 64, ...
        assertThat(capacityAt(p, "16:55", 0)).isEqualTo(100);
        assertThat(capacityAt(p, "17:00", 0)).isEqualTo(80);
        assertThat(capacityAt(p, "17:05", 0)).isEqualTo(64);
        assertThat(p.reasons()).contains(ReasonCode.SCALE_DOWN_STEP);
    }

    @Test
    void aReversalDoublesTheScaleDownCooldown() {
        double[] d = new double[7 * 288];
        for (int i = 0; i < d.length; i++) {
            // Monday 10:00-14:00 flaps every 30 minutes; otherwise steady
            d[i] = i >= 120 && i < 168 && (i / 6) % 2 == 0 ? 5000 : 2000;
        }
        CapacityPlan p = plan(Fixtures.policy(), d, 5000);
        assertThat(p.reasons()).contains(ReasonCode.BACKOFF);
        assertThat(p.timeline()).anyMatch(s -> s.reason() == ReasonCode.BACKOFF);
    }

    @Test
    void demandAboveTheSafetyCapIsClampedLoudly() {
        double[] d = Fixtures.businessWeek(STEP, 500, 1000);
        d[288 + 12 * 12] = 100_000; // one absurd spike on Tuesday noon
        CapacityPlan p = plan(Fixtures.policy(), d, 1000);
        assertThat(p.limits().safetyCap()).isEqualTo(50);
        assertThat(p.limits().max()).isEqualTo(50);
        assertThat(p.peakCapacity()).isEqualTo(50);
        assertThat(p.reasons()).contains(ReasonCode.SAFETY_CAP);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("SAFETY_CAP") && n.contains("1000"));
    }

    @Test
    void demandAboveThePolicyMaxIsClampedAtMax() {
        ServicePolicy policy = Fixtures.policy(TargetKind.AWS_ASG, 2, 20, 100, 0, Fixtures.defaultRules(), STEP);
        CapacityPlan p = plan(policy, Fixtures.businessWeek(STEP, 500, 3000), 3000);
        assertThat(p.peakCapacity()).isEqualTo(20);
        assertThat(p.reasons()).contains(ReasonCode.MAX_LIMIT);
    }

    @Test
    void demandBelowMinIsRaisedToMin() {
        ServicePolicy policy = Fixtures.policy(TargetKind.AWS_ASG, 4, 200, 100, 0, Fixtures.defaultRules(), STEP);
        CapacityPlan p = plan(policy, Fixtures.businessWeek(STEP, 10, 3000), 3000);
        assertThat(p.timeline()).allMatch(s -> s.capacity() >= 4);
        assertThat(p.reasons()).contains(ReasonCode.MIN_LIMIT);
    }

    @Test
    void anActiveEmergencyFloorHoldsUntilItExpires() {
        Instant expires = MONDAY.plus(Duration.ofHours(2));
        CapacityPlan p = plan(Fixtures.policy(), Fixtures.businessWeek(STEP, 300, 3000), 3000,
                Optional.of(new PlanInput.EmergencyFloor("em-1", 40, expires)), Set.of());
        for (PlanStep s : p.timeline()) {
            if (s.time().isBefore(expires)) {
                assertThat(s.capacity()).isGreaterThanOrEqualTo(40);
            }
        }
        assertThat(p.actions()).anyMatch(a -> a.reason() == ReasonCode.EMERGENCY_FLOOR && a.at().isPresent()
                && a.min() == 40);
        // the weekly schedule does not repeat the emergency next week
        assertThat(p.actions().stream().filter(a -> a.cron().isPresent())).allMatch(a -> a.min() < 40);
    }

    @Test
    void aHolidayGetsOneOffActionsAndLeavesTheWeeklyScheduleAlone() {
        double[] d = Fixtures.businessWeek(STEP, 1000, 3000);
        for (int i = 288 * 2; i < 288 * 3; i++) {
            d[i] = 1000; // Wednesday is a holiday: quiet all day
        }
        LocalDate wednesday = LocalDate.of(2026, 12, 2);
        CapacityPlan p = plan(Fixtures.policy(), d, 3000, Optional.empty(), Set.of(wednesday));
        assertThat(capacityAt(p, "12:00", 2)).isEqualTo(10);
        assertThat(p.actions()).anyMatch(a -> a.reason() == ReasonCode.HOLIDAY && a.at().isPresent());
        assertThat(p.actions()).anyMatch(a -> a.name().equals("wed-0850") && a.min() == 30);
    }

    @Test
    void actionsStayWithinTheTargetsQuota() {
        ServicePolicy policy = Fixtures.policy(TargetKind.AZURE_VMSS, 1, 500, 100, 0.1, Fixtures.defaultRules(), STEP);
        double[] d = new double[7 * 288];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < d.length; i++) {
            d[i] = 1000 + 3000 * Math.max(0, Math.sin(Math.PI * (i % 288) / 288.0)) + rnd.nextInt(800);
        }
        CapacityPlan p = plan(policy, d, 4000);
        assertThat(p.actions()).hasSizeLessThanOrEqualTo(20);
        assertThat(p.actions()).allMatch(a -> a.name().matches("[a-z0-9-]+") && !a.detail().isBlank());
        assertThat(p.reasons()).isSorted().doesNotHaveDuplicates();
        assertThat(p.actions()).extracting(ScalingAction::name).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void withoutCapacityPerInstanceThePlannerSaysWhatIsMissing() {
        ServicePolicy p = Fixtures.policy();
        ServicePolicy noCapacity = new ServicePolicy(p.source(), p.key(), p.target(), p.demand(),
                new ServicePolicy.Capacity(Optional.empty(), 0, 1, 10), p.rules(), p.zone(), p.holidays(),
                p.instanceSizes(), p.indicators());
        Forecast f = Fixtures.forecast(MONDAY, STEP, new double[288]);
        assertThatThrownBy(() -> planner.plan(new PlanInput(noCapacity, f, 100, Optional.empty(), MONDAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity.perInstance is not set");
    }

    @Test
    void theSameInputGivesTheSamePlan() {
        double[] d = Fixtures.businessWeek(STEP, 300, 3000);
        assertThat(plan(Fixtures.policy(), d, 3000)).isEqualTo(plan(Fixtures.policy(), d, 3000));
    }

    @Test
    void theVerticalFloorIsTheCheapestSizeWhoseMinimumFleetCarriesBaseline() {
        ServicePolicy base = Fixtures.policy(TargetKind.AWS_ASG, 4, 200, 100, 0, Fixtures.defaultRules(), STEP);
        List<ServicePolicy.InstanceSize> sizes = List.of(new ServicePolicy.InstanceSize("small", 50, 0.05),
                new ServicePolicy.InstanceSize("medium", 100, 0.10), new ServicePolicy.InstanceSize("large", 400, 0.40));
        ServicePolicy policy = new ServicePolicy(base.source(), base.key(), base.target(), base.demand(),
                base.capacity(), base.rules(), base.zone(), base.holidays(), sizes, base.indicators());
        // baseline = median point forecast = 300: 4 x small = 200 is short, 4 x medium = 400 carries it
        CapacityPlan p = plan(policy, Fixtures.businessWeek(STEP, 300, 3000), 3000);
        assertThat(p.verticalFloor()).hasValueSatisfying(v -> {
            assertThat(v.size()).isEqualTo("medium");
            assertThat(v.instances()).isEqualTo(4);
            assertThat(v.baselineDemand()).isEqualTo(300.0);
        });
        assertThat(p.reasons()).contains(ReasonCode.VERTICAL_FLOOR);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("VERTICAL_FLOOR: medium"));
    }

    @Test
    void withoutPerInstanceTheCapacityIsLearnedFromHealthyHistory() {
        ServicePolicy p = Fixtures.policy();
        ServicePolicy learnIt = new ServicePolicy(p.source(), p.key(), p.target(), p.demand(),
                new ServicePolicy.Capacity(Optional.empty(), 0, 1, 500), p.rules(), p.zone(), p.holidays(),
                p.instanceSizes(), p.indicators());
        int n = 1000;
        double[] demand = new double[n];
        double[] instances = new double[n];
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            instances[i] = 10;
            demand[i] = 500 + i; // 50 .. 150 per instance
            latency[i] = demand[i] / instances[i] > 120 ? 0.9 : 0.2; // unhealthy above 120 per instance
        }
        Forecast f = Fixtures.forecast(MONDAY, STEP, Fixtures.businessWeek(STEP, 300, 3000));
        CapacityPlan plan = planner.plan(new PlanInput(learnIt, f, 3000, Optional.empty(), MONDAY, Set.of(),
                Optional.of(new CapacityHistory(demand, instances, latency, 0.5))));
        // healthy rates are 50.0 .. 120.0 in steps of 0.1: 701 samples, p90 (nearest rank) = 50 + 630 x 0.1 = 113.0
        assertThat(plan.limits().perInstance()).isCloseTo(113.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plan.notes()).anyMatch(s -> s.contains("learned from history") && s.contains("701 healthy")
                && s.contains("299 samples excluded"));
        assertThat(PlanChecks.violations(plan)).isEmpty();
    }

    @Test
    void tooFewHealthySamplesFailWithTheCount() {
        ServicePolicy p = Fixtures.policy();
        ServicePolicy learnIt = new ServicePolicy(p.source(), p.key(), p.target(), p.demand(),
                new ServicePolicy.Capacity(Optional.empty(), 0, 1, 500), p.rules(), p.zone(), p.holidays(),
                p.instanceSizes(), p.indicators());
        double[] ones = new double[10];
        java.util.Arrays.fill(ones, 1);
        Forecast f = Fixtures.forecast(MONDAY, STEP, new double[288]);
        assertThatThrownBy(() -> planner.plan(new PlanInput(learnIt, f, 100, Optional.empty(), MONDAY, Set.of(),
                Optional.of(new CapacityHistory(ones, ones, ones, 2.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("planning prod/web: learning capacity per instance: only 10 healthy samples");
    }
}
