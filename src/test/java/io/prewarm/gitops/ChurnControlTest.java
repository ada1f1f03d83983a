package io.prewarm.gitops;

import io.prewarm.plan.CapacityPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.prewarm.gitops.PlanSnapshotFixtures.plan;
import static io.prewarm.gitops.PlanSnapshotFixtures.weekday;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChurnControlTest {
    static PlanSnapshot snap(double peakDemand, int min, int policyMax, int peakAction) {
        CapacityPlan p = plan("prod", "checkout", peakDemand, min, policyMax, weekday(8, peakAction, 14, min), List.of());
        return PlanSnapshot.of(p);
    }

    final ChurnControl churn = ChurnControl.defaults();

    @Test
    void aFirstPlanIsAlwaysProposed() {
        assertThat(churn.decide(Optional.empty(), snap(1400, 3, 80, 17), true).propose()).isTrue();
    }

    @Test
    void aSmallChangeWithoutANewPeakIsHeldBack() {
        // 1400 -> 1350 demand: the plateau still needs 17 (ceil of 16.2); the ramps move by one instance at most
        ChurnControl.Decision d = churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(1350, 3, 80, 16), true);
        assertThat(d.propose()).isFalse();
        assertThat(d.maxChangePercent()).isLessThan(10);
        assertThat(d.reason()).startsWith("below churn threshold: capacity changes by at most ").endsWith("(< 10%) and no new peak");
    }

    @Test
    void aNewPeakIsProposedHoweverSmall() {
        ChurnControl.Decision d = churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(1450, 3, 80, 18), true);
        assertThat(d.propose()).isTrue();
        assertThat(d.reason()).isEqualTo("new peak 18 above 17");
    }

    @Test
    void aLargeDropIsProposed() {
        ChurnControl.Decision d = churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(900, 3, 80, 11), true);
        assertThat(d.propose()).isTrue();
        assertThat(d.reason()).startsWith("capacity changes by up to ");
        assertThat(d.maxChangePercent()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aLimitChangeIsProposed() {
        assertThat(churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(1400, 3, 70, 16), true).reason())
                .startsWith("limits changed");
    }

    @Test
    void theSameScheduleWithDifferentTerraformIsARenderChangeAndProposed() {
        assertThat(churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(1390, 3, 80, 17), true).reason())
                .isEqualTo("same schedule, rendering changed");
    }

    @Test
    void unchangedTerraformIsHeldBackWhateverTheForecastDetailsSay() {
        ChurnControl.Decision d = churn.decide(Optional.of(snap(1400, 3, 80, 17)), snap(1400, 3, 80, 17), false);
        assertThat(d.propose()).isFalse();
        assertThat(d.reason()).isEqualTo("terraform unchanged: only forecast details moved");
    }

    @Test
    void aZeroThresholdProposesEveryChange() {
        assertThat(new ChurnControl(0).decide(Optional.of(snap(1400, 3, 80, 17)), snap(1350, 3, 80, 16), true).propose())
                .isTrue();
        assertThatThrownBy(() -> new ChurnControl(120)).hasMessageContaining("0..100");
    }
}
