package io.prewarm.render.google;

import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.GoldenFiles;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.RenderedFiles;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcpMigRendererTest {
    private final GcpMigRenderer renderer = new GcpMigRenderer();

    @Test
    void rendersTheWeekdayPlanAsInTheGoldenFiles() {
        GoldenFiles.assertMatches("gcp-mig", renderer.render(PlanFixtures.gcpPlan()));
    }

    @Test
    void writesOneScheduleOfAtLeastFiveMinutesPerWindowAboveTheMinimum() {
        String main = main(renderer.render(PlanFixtures.gcpPlan()));
        // prewarm 10 min, peak 9 h, evening 4 h, Christmas Eve; the night floor equals the minimum.
        assertThat(count(main, "scaling_schedules \\{")).isEqualTo(4);
        assertThat(main).contains("schedule              = \"50 8 * * 1-5\"", "duration_sec          = 600",
                "schedule              = \"0 9 * * 1-5\"", "duration_sec          = 32400",
                "schedule              = \"50 8 24 12 * 2026\"", "time_zone             = \"Europe/Berlin\"")
                .doesNotContain("0 22 * * ");
        assertThat(main).contains("percent = 20", "time_window_sec = 600", "mode            = \"ON\"");
    }

    @Test
    void freezeTurnsTheAutoscalerOffAndDisablesEverySchedule() {
        CapacityPlan plan = PlanFixtures.gcpPlan();
        RenderedFiles files = renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9));
        GoldenFiles.assertMatches("gcp-mig-freeze", files);
        assertThat(main(files)).contains("mode            = \"OFF\"").doesNotContain("disabled              = false");
    }

    @Test
    void emergencyFloorRaisesTheMinimumAndDropsSchedulesBelowIt() {
        CapacityPlan plan = PlanFixtures.gcpPlan();
        RenderedFiles files = renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 12));
        GoldenFiles.assertMatches("gcp-mig-floor", files);
        assertThat(main(files)).contains("min_replicas    = 12", "mode            = \"ON\"");
        assertThat(count(main(files), "scaling_schedules \\{")).isEqualTo(1);
    }

    @Test
    void keepsScheduleNamesWhenOtherWindowsChange() {
        String before = main(renderer.render(PlanFixtures.gcpPlan()));
        CapacityPlan plan = PlanFixtures.gcpPlan();
        CapacityPlan fewer = PlanFixtures.plan("prod", "search", plan.target(),
                plan.actions().stream().filter(a -> !a.name().equals("holiday-2026-12-24")).toList());
        String after = main(renderer.render(fewer));
        assertThat(names(after)).isSubsetOf(names(before)).hasSize(3);
    }

    @Test
    void rejectsATargetWithoutProjectOrAMonthlyCron() {
        CapacityPlan noProject = PlanFixtures.plan("prod", "search", new Target(TargetKind.GCP_MIG, "m",
                Map.of("zone", "europe-west3-a")), PlanFixtures.weekdayActions(PlanFixtures.BERLIN));
        assertThatThrownBy(() -> renderer.render(noProject))
                .hasMessage("rendering prod/search: target gcp-mig needs attribute project");

        CapacityPlan plan = PlanFixtures.gcpPlan();
        CapacityPlan monthly = PlanFixtures.plan("prod", "search", plan.target(), java.util.List.of(
                new io.prewarm.plan.ScalingAction("month-start", java.util.Optional.of("0 6 1 * *"),
                        java.util.Optional.empty(), PlanFixtures.BERLIN, 20, -1, -1,
                        io.prewarm.common.ReasonCode.PREDICTED_PEAK, "")));
        assertThatThrownBy(() -> renderer.render(monthly))
                .hasMessageStartingWith("rendering prod/search: action month-start: cron '0 6 1 * *' restricts day of month");

        CapacityPlan otherZone = PlanFixtures.plan("prod", "search", plan.target(),
                PlanFixtures.weekdayActions(java.time.ZoneId.of("America/New_York")));
        assertThatThrownBy(() -> renderer.render(otherZone))
                .hasMessageContaining("is in zone America/New_York, the plan in Europe/Berlin");
    }

    private static String main(RenderedFiles files) {
        return files.files().get("generated/prod/search/main.tf");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static java.util.List<String> names(String main) {
        Matcher m = Pattern.compile("name                  = \"([^\"]+)\"").matcher(main);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
