package io.prewarm.render.aws;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.GoldenFiles;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.RenderedFiles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.prewarm.render.PlanFixtures.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsAsgRendererTest {
    private final AwsAsgRenderer renderer = new AwsAsgRenderer();

    @Test
    void rendersTheWeekdayPlanAsInTheGoldenFiles() {
        GoldenFiles.assertMatches("aws-asg", renderer.render(PlanFixtures.awsPlan()));
    }

    @Test
    void rendersAlarmsOnlyWhenThePolicyNamesACloudWatchMetric() {
        GoldenFiles.assertMatches("aws-asg-alarms", renderer.render(PlanFixtures.awsPlanWithAlarms()));
        assertThat(main(PlanFixtures.awsPlan())).doesNotContain("aws_cloudwatch_metric_alarm");
    }

    @Test
    void writesStepScaleOutAndGentleScaleInPolicies() {
        String main = main(PlanFixtures.awsPlan());
        assertThat(main).contains("adjustment_type           = \"PercentChangeInCapacity\"",
                "min_adjustment_magnitude  = 1", "estimated_instance_warmup = 600", "scaling_adjustment          = 20",
                "scaling_adjustment     = -20", "cooldown               = 600");
    }

    @Test
    void freezePinsEveryActionDisablesPoliciesAndSchedulesItsRelease() {
        CapacityPlan plan = PlanFixtures.awsPlan();
        RenderedFiles files = renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9));
        GoldenFiles.assertMatches("aws-asg-freeze", files);

        String main = files.files().get("generated/prod/checkout/main.tf");
        assertThat(addresses(main)).isEqualTo(addresses(main(plan)));
        assertThat(main).doesNotContain("enabled                   = true").contains("enabled                   = false");
        assertThat(block(main, "weekday_0900_peak")).contains("min_size               = 9",
                "max_size               = 9", "desired_capacity       = 9");
        assertThat(actionName(main, "weekday_0900_peak")).isEqualTo(actionName(main(plan), "weekday_0900_peak"));
        assertThat(files.files().get("generated/prod/checkout/freeze.tf"))
                .contains("start_time             = timeadd(plantimestamp(), \"2m\")",
                        "start_time             = \"2026-11-29T06:00:00Z\"");
    }

    @Test
    void emergencyFloorRaisesEveryActionToTheCountAndKeepsPoliciesOn() {
        CapacityPlan plan = PlanFixtures.awsPlan();
        RenderedFiles files = renderer.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 30));
        GoldenFiles.assertMatches("aws-asg-floor", files);

        String main = files.files().get("generated/prod/checkout/main.tf");
        assertThat(main).doesNotContain("enabled                   = false");
        assertThat(block(main, "night_2200_floor")).contains("min_size               = 30",
                "max_size               = 60", "desired_capacity       = -1");
        assertThat(files.files()).containsKey("generated/prod/checkout/floor.tf");
    }

    @Test
    void rejectsAnOverrideForAnotherService() {
        CapacityPlan plan = PlanFixtures.awsPlan();
        CapacityPlan other = PlanFixtures.plan("prod", "search", plan.target(), plan.actions());
        assertThatThrownBy(() -> renderer.renderOverride(plan, PlanFixtures.override(other, OverrideSpec.Kind.FREEZE, 3)))
                .hasMessageStartingWith("rendering override em-20261128-1: it is for prod/search");
    }

    @Test
    void rendersByteIdenticalFilesForTheSamePlan() {
        assertThat(renderer.render(PlanFixtures.awsPlan())).isEqualTo(renderer.render(PlanFixtures.awsPlan()));
    }

    @Test
    void writesFilesUnderTheEnvironmentAndServiceFolder() {
        assertThat(renderer.render(PlanFixtures.awsPlan()).files().keySet()).containsExactly(
                "generated/prod/checkout/main.tf", "generated/prod/checkout/outputs.tf",
                "generated/prod/checkout/variables.tf",
                "generated/prod/checkout/versions.tf");
    }

    @Test
    void emitsMinMaxAndDesiredExplicitlyWithMinusOneWhereUnchanged() {
        String block = block(main(PlanFixtures.awsPlan()), "weekday_0900_peak");
        assertThat(block).contains("min_size               = 14", "max_size               = -1",
                "desired_capacity       = -1");
    }

    @Test
    void writesRecurringActionsWithIanaZoneAndOneOffActionsWithUtcStartTime() {
        String main = main(PlanFixtures.awsPlan());
        assertThat(block(main, "weekday_0850_prewarm"))
                .contains("recurrence             = \"50 8 * * 1-5\"", "time_zone              = \"Europe/Berlin\"")
                .doesNotContain("start_time");
        assertThat(block(main, "holiday_2026_12_24"))
                .contains("start_time             = \"2026-12-24T07:50:00Z\"")
                .doesNotContain("recurrence", "time_zone");
    }

    @Test
    void changesTheActionNameWhenTheRecurrenceChangesButNotWhenOnlySizesChange() {
        String before = actionName(main(PlanFixtures.awsPlan()), "weekday_0900_peak");
        String resized = actionName(main(withAction(a -> a.name().equals("weekday-0900-peak")
                ? new ScalingAction(a.name(), a.cron(), a.at(), a.zone(), 20, 40, -1, a.reason(), a.detail()) : a)),
                "weekday_0900_peak");
        String moved = actionName(main(withAction(a -> a.name().equals("weekday-0900-peak")
                ? new ScalingAction(a.name(), Optional.of("5 9 * * 1-5"), a.at(), a.zone(), a.min(), a.max(),
                a.desired(), a.reason(), a.detail()) : a)), "weekday_0900_peak");

        assertThat(before).startsWith("prewarm-checkout-weekday-0900-peak-").hasSize(43);
        assertThat(resized).isEqualTo(before);
        assertThat(moved).isNotEqualTo(before).startsWith("prewarm-checkout-weekday-0900-peak-");
    }

    @Test
    void keepsResourceAddressesWhenTheServiceIsRenamedOrActionsAreReordered() {
        CapacityPlan plan = PlanFixtures.awsPlan();
        List<ScalingAction> reversed = new ArrayList<>(plan.actions());
        java.util.Collections.reverse(reversed);
        CapacityPlan renamed = PlanFixtures.plan("prod", "payments", plan.target(), reversed);

        assertThat(addresses(main(renamed))).isEqualTo(addresses(main(plan)));
        assertThat(main(renamed)).isEqualTo(main(plan).replace("checkout", "payments"));
    }

    @Test
    void takesTheGroupNameFromAVariableWhoseDefaultIsThePolicyTarget() {
        RenderedFiles files = renderer.render(PlanFixtures.awsPlan());
        assertThat(files.files().get("generated/prod/checkout/variables.tf"))
                .contains("variable \"autoscaling_group_name\" {", "default     = \"checkout-asg\"");
        assertThat(main(PlanFixtures.awsPlan())).contains("autoscaling_group_name = var.autoscaling_group_name");
        assertThat(files.files().get("generated/prod/checkout/versions.tf"))
                .contains("source  = \"hashicorp/aws\"", "version = \">= 5.0, < 7.0\"", "region = var.region");
    }

    @Test
    void escapesPolicyTextThatEndsUpInStringsAndComments() {
        CapacityPlan plan = PlanFixtures.plan("prod", "checkout",
                new Target(TargetKind.AWS_ASG, "asg-\"${evil}\"\n", Map.of()),
                List.of(new ScalingAction("a", Optional.of("0 9 * * *"), Optional.empty(), BERLIN, 1, -1, -1,
                        ReasonCode.PREWARM, "detail\nresource \"x\" \"y\" {}")));
        RenderedFiles files = renderer.render(plan);

        assertThat(files.files().get("generated/prod/checkout/variables.tf"))
                .contains("default     = \"asg-\\\"$${evil}\\\"\\n\"");
        assertThat(files.files().get("generated/prod/checkout/main.tf"))
                .contains("# PREWARM: detail resource \"x\" \"y\" {}\n");
        assertThat(files.files().get("generated/prod/checkout/versions.tf")).doesNotContain("provider \"aws\"");
    }

    @Test
    void rejectsPlansItCannotRenderFaithfully() {
        CapacityPlan otherKind = PlanFixtures.plan("prod", "web", new Target(TargetKind.GCP_MIG, "mig",
                Map.of("project", "p", "zone", "europe-west3-a")), List.of());
        assertThatThrownBy(() -> renderer.render(otherKind)).hasMessageContaining("gcp-mig is not aws-asg");

        CapacityPlan fixedOffset = PlanFixtures.plan("prod", "web", PlanFixtures.awsPlan().target(),
                PlanFixtures.weekdayActions(ZoneOffset.ofHours(2)));
        assertThatThrownBy(() -> renderer.render(fixedOffset))
                .hasMessageStartingWith("rendering prod/web: action ")
                .hasMessageContaining("fixed offset");

        List<ScalingAction> tooMany = new ArrayList<>();
        for (int i = 0; i < 126; i++) {
            tooMany.add(new ScalingAction("a" + i, Optional.of("0 9 * * *"), Optional.empty(), BERLIN, 1, -1, -1,
                    ReasonCode.PREWARM, ""));
        }
        assertThatThrownBy(() -> renderer.render(PlanFixtures.plan("prod", "web", PlanFixtures.awsPlan().target(), tooMany)))
                .hasMessageContaining("126 scheduled actions exceed the quota of 125");

        List<ScalingAction> clash = List.of(
                new ScalingAction("a-b", Optional.empty(), Optional.of(Instant.EPOCH), ZoneId.of("UTC"), 1, -1, -1, ReasonCode.HOLIDAY, ""),
                new ScalingAction("a_b", Optional.empty(), Optional.of(Instant.EPOCH), ZoneId.of("UTC"), 1, -1, -1, ReasonCode.HOLIDAY, ""));
        assertThatThrownBy(() -> renderer.render(PlanFixtures.plan("prod", "web", PlanFixtures.awsPlan().target(), clash)))
                .hasMessageContaining("map to the same resource name a_b");
    }

    private CapacityPlan withAction(java.util.function.UnaryOperator<ScalingAction> change) {
        CapacityPlan p = PlanFixtures.awsPlan();
        return PlanFixtures.plan("prod", "checkout", p.target(), p.actions().stream().map(change).toList());
    }

    private String main(CapacityPlan plan) {
        return renderer.render(plan).files().get("generated/" + plan.key().path() + "/main.tf");
    }

    private static String block(String main, String label) {
        int start = main.indexOf("resource \"aws_autoscaling_schedule\" \"" + label + "\"");
        assertThat(start).as("block " + label).isNotNegative();
        return main.substring(start, main.indexOf("\n}\n", start) + 3);
    }

    private static String actionName(String main, String label) {
        Matcher m = Pattern.compile("scheduled_action_name\\s+= \"([^\"]+)\"").matcher(block(main, label));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> addresses(String main) {
        Matcher m = Pattern.compile("(?m)^resource \"([^\"]+)\" \"([^\"]+)\"").matcher(main);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + "." + m.group(2));
        }
        return out;
    }
}
