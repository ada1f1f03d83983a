package io.prewarm.gitops;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.prewarm.gitops.PlanSnapshotFixtures.plan;
import static io.prewarm.gitops.PlanSnapshotFixtures.weekday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanSnapshotTest {
    static final CapacityPlan CHECKOUT = plan("prod", "checkout", 1400, 3, 80, weekday(8, 17, 14, 3), List.of());

    @Test
    void summarisesLimitsPeakScheduleAndTheWeeklyProfile() {
        PlanSnapshot s = PlanSnapshot.of(CHECKOUT);
        assertThat(s.key()).isEqualTo(ServiceKey.of("prod", "checkout"));
        assertThat(s.min()).isEqualTo(3);
        assertThat(s.max()).isEqualTo(60);
        assertThat(s.policyMax()).isEqualTo(80);
        assertThat(s.peakCapacity()).isEqualTo(17);
        // Monday 2026-11-30: the plateau starts at 09:00 local, pre-warmed 30 min ahead
        assertThat(s.peakAt()).isEqualTo(Instant.parse("2026-11-30T07:30:00Z"));
        assertThat(s.hourly()).hasSize(168);
        assertThat(s.capacityAt(Instant.parse("2026-12-01T10:00:00Z"))).isEqualTo(17.0); // Tue 11:00 Berlin
        assertThat(s.capacityAt(Instant.parse("2026-12-01T01:00:00Z"))).isEqualTo(3.0);  // Tue 02:00 Berlin
        assertThat(s.actions()).extracting(PlanSnapshot.Action::name).isSorted();
    }

    @Test
    void jsonRoundTripsAndIsByteIdenticalForTheSamePlan() {
        PlanSnapshot s = PlanSnapshot.of(CHECKOUT);
        String json = s.toJson();
        assertThat(PlanSnapshot.of(CHECKOUT).toJson()).isEqualTo(json);
        assertThat(PlanSnapshot.parse(json, "plans/prod/checkout.json")).isEqualTo(s);
        assertThat(json).startsWith("{\n  \"schema\": 1,\n  \"service\": \"prod/checkout\",")
                .doesNotContain("2026-11-28T12:00:00Z") // the run's time is not in it
                .endsWith("\n  ]\n}\n");
        assertThat(json.lines().filter(l -> l.contains("\"name\""))).hasSize(4);
    }

    @Test
    void oneOffActionsAreKeptInLocalTime() {
        CapacityPlan p = plan("prod", "checkout", 1400, 3, 80, List.of(PlanSnapshotFixtures.once("holiday-2026-12-24",
                Instant.parse("2026-12-24T07:30:00Z"), 6, ReasonCode.HOLIDAY, "Christmas Eve")), List.of());
        assertThat(PlanSnapshot.of(p).actions().get(0).when()).isEqualTo("2026-12-24 08:30");
    }

    @Test
    void aBrokenSnapshotIsAClearError() {
        assertThatThrownBy(() -> PlanSnapshot.parse("{\"schema\": 9}", "plans/prod/x.json"))
                .isInstanceOf(GitOpsException.class).hasMessage("reading plans/prod/x.json: unknown schema 9");
        assertThatThrownBy(() -> PlanSnapshot.parse("{not json", "plans/prod/x.json"))
                .isInstanceOf(GitOpsException.class).hasMessageStartingWith("reading plans/prod/x.json: ");
    }

    @Test
    void pathsSitBesideTheOverrides() {
        assertThat(PlanSnapshot.path(ServiceKey.of("prod", "checkout"))).isEqualTo("plans/prod/checkout.json");
    }
}
