package io.prewarm.render.azure;

import io.prewarm.common.ReasonCode;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.GoldenFiles;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.RenderedFiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureVmssRendererTest {
    private final AzureVmssRenderer renderer = new AzureVmssRenderer();

    @Test
    void rendersThePlanAndItsOverridesAsInTheGoldenFiles() {
        CapacityPlan plan = PlanFixtures.azurePlan();
        GoldenFiles.assertMatches("azure-vmss", renderer.render(plan));
        GoldenFiles.assertMatches("azure-vmss-freeze",
                renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9)));
        GoldenFiles.assertMatches("azure-vmss-floor",
                renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 12)));
    }

    @Test
    void writesRecurrenceProfilesInTheWindowsZoneAndHolidaysAsFixedDates() {
        String main = main(renderer.render(PlanFixtures.azurePlan()));
        assertThat(main).contains("timezone = \"W. Europe Standard Time\"",
                "days     = [\"Monday\", \"Tuesday\", \"Wednesday\", \"Thursday\", \"Friday\"]",
                "hours    = [8]", "minutes  = [50]",
                "start    = \"2026-12-24T07:50:00Z\"", "end      = \"2026-12-24T08:00:00Z\"");
        assertThat(main.split("\n    profile \\{|\n  profile \\{", -1)).hasSize(7); // default + 4 recurring + 1 fixed
    }

    @Test
    void everyProfileScalesOutByTwentyPercentAndInGentlyWithCooldowns() {
        String main = main(renderer.render(PlanFixtures.azurePlan()));
        assertThat(main).contains("direction = \"Increase\"\n        type      = \"PercentChangeCount\"\n        value     = 20\n        cooldown  = \"PT10M\"",
                "direction = \"Decrease\"", "time_window        = \"PT10M\"");
    }

    @Test
    void freezeDisablesTheSettingAndFloorRaisesEveryMinimum() {
        CapacityPlan plan = PlanFixtures.azurePlan();
        assertThat(main(renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9))))
                .contains("enabled             = false");
        String floor = main(renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 12)));
        assertThat(floor).contains("enabled             = true").doesNotContain("minimum = 4", "minimum = 10", "minimum = 6");
    }

    @Test
    void rejectsZonesWithoutAWindowsNameAndMoreThanTwentyProfiles() {
        CapacityPlan plan = PlanFixtures.azurePlan();
        ZoneId kathmanduLike = ZoneId.of("Pacific/Chatham");
        CapacityPlan unmapped = new CapacityPlan(plan.key(), plan.target(), kathmanduLike, plan.limits(), plan.timeline(),
                plan.actions(), plan.reasons(), plan.forecastModel(), plan.forecastScore(), plan.verticalFloor(),
                plan.notes(), plan.indicators());
        assertThatThrownBy(() -> renderer.render(unmapped))
                .hasMessageContaining("rendering prod/orders: time zone Pacific/Chatham has no Windows name");

        List<ScalingAction> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(new ScalingAction("a" + i, Optional.of("0 " + i + " * * *"), Optional.empty(), PlanFixtures.BERLIN,
                    5, -1, -1, ReasonCode.PREWARM, ""));
        }
        assertThatThrownBy(() -> renderer.render(PlanFixtures.plan("prod", "orders", plan.target(), many)))
                .hasMessageContaining("21 autoscale profiles exceed Azure's 20");
    }

    @Test
    void clampsDurationsToAzureBounds() {
        assertThat(AzureVmssRenderer.clamp(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofDays(7))).isEqualTo("PT1M");
        assertThat(AzureVmssRenderer.clamp(Duration.ofDays(1), Duration.ofMinutes(5), Duration.ofHours(12))).isEqualTo("PT12H");
        assertThat(WindowsTimeZones.windowsName("America/New_York")).contains("Eastern Standard Time");
        assertThat(WindowsTimeZones.size()).isGreaterThan(100);
    }

    private static String main(RenderedFiles files) {
        return files.files().get("generated/prod/orders/main.tf");
    }
}
