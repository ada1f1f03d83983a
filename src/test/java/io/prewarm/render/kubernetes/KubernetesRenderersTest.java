package io.prewarm.render.kubernetes;

import io.prewarm.common.Indicators;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.GoldenFiles;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.RenderedFiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesRenderersTest {
    private final KubernetesHpaRenderer hpa = new KubernetesHpaRenderer();
    private final KedaRenderer keda = new KedaRenderer();

    @Test
    void rendersTheHpaAndItsOverridesAsInTheGoldenFiles() {
        CapacityPlan plan = PlanFixtures.hpaPlan();
        GoldenFiles.assertMatches("kubernetes-hpa", hpa.render(plan));
        GoldenFiles.assertMatches("kubernetes-hpa-freeze",
                hpa.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9)));
        GoldenFiles.assertMatches("kubernetes-hpa-floor",
                hpa.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 12)));
    }

    @Test
    void hpaBehaviorAllowsTwentyPercentUpPerMinuteAndAtMostTwentyPercentDownPerWindow() {
        String main = main(hpa.render(PlanFixtures.hpaPlan()), "staging/catalog");
        assertThat(main).contains("type           = \"Percent\"\n          value          = 20\n          period_seconds = 60",
                "stabilization_window_seconds = 600", "select_policy                = \"Min\"",
                "value          = 20\n          period_seconds = 600",
                "5 scheduled actions");
    }

    @Test
    void hpaFreezeSetsMinEqualToMax() {
        CapacityPlan plan = PlanFixtures.hpaPlan();
        String main = main(hpa.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9)),
                "staging/catalog");
        assertThat(main).contains("min_replicas = 9", "max_replicas = 9");
    }

    @Test
    void windowsLongerThanKubernetesAllowsKeepTheSameAverageRate() {
        CapacityPlan.Limits l = PlanFixtures.limits();
        CapacityPlan.Limits hour = new CapacityPlan.Limits(l.min(), l.max(), l.policyMax(), l.safetyCap(), l.normalPeak(),
                l.normalPeakDemand(), l.prewarmLead(), 20, 20, Duration.ofHours(1), l.perInstance(), l.headroom(), l.step());
        Behavior b = Behavior.of(hour);
        assertThat(b.downPeriod()).isEqualTo(1800);
        assertThat(b.downPercent()).isEqualTo(10);
        assertThat(b.downStabilization()).isEqualTo(3600);
    }

    @Test
    void rendersTheScaledObjectAndItsOverridesAsInTheGoldenFiles() {
        CapacityPlan plan = PlanFixtures.kedaPlan();
        GoldenFiles.assertMatches("kubernetes-keda", keda.render(plan));
        GoldenFiles.assertMatches("kubernetes-keda-freeze",
                keda.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9)));
        GoldenFiles.assertMatches("kubernetes-keda-floor",
                keda.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FLOOR, 12)));
    }

    @Test
    void scaledObjectHasCronWindowsAQueueDepthTriggerAndPauseKeysInComputedFields() {
        String main = main(keda.render(PlanFixtures.kedaPlan()), "prod/checkout-api");
        assertThat(main).contains("start           = \"50 8 * * 1-5\"", "end             = \"0 9 * * 1-5\"",
                "desiredReplicas = \"10\"", "timezone        = \"Europe/Berlin\"",
                "type = \"prometheus\"", "threshold     = \"10\"",
                "query         = \"sum(http_server_queue_depth{service=\\\"checkout\\\"})\"",
                "\"metadata.annotations[\\\"autoscaling.keda.sh/paused-replicas\\\"]\"")
                .doesNotContain("start           = \"0 22", "autoscaling.keda.sh/paused-replicas\" = ");
    }

    @Test
    void scaledObjectFreezeUsesPausedReplicas() {
        CapacityPlan plan = PlanFixtures.kedaPlan();
        String main = main(keda.renderOverride(plan, PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9)),
                "prod/checkout-api");
        assertThat(main).contains("annotations = { \"autoscaling.keda.sh/paused-replicas\" = \"9\" }");
    }

    @Test
    void fallsBackToACpuTriggerWithoutAPrometheusServer() {
        CapacityPlan p = PlanFixtures.kedaPlan();
        CapacityPlan plan = new CapacityPlan(p.key(), new Target(TargetKind.KUBERNETES_KEDA, "checkout-api",
                Map.of("namespace", "shop")), p.zone(), p.limits(), p.timeline(), p.actions(), p.reasons(),
                p.forecastModel(), p.forecastScore(), p.verticalFloor(), p.notes(), Indicators.none());
        String main = main(keda.render(plan), "prod/checkout-api");
        assertThat(main).contains("type       = \"cpu\"", "No queue-depth query in the policy").doesNotContain("prometheus\"");
    }

    @Test
    void rejectsATargetWithoutNamespace() {
        CapacityPlan plan = PlanFixtures.plan("prod", "x", new Target(TargetKind.KUBERNETES_HPA, "x", Map.of()),
                PlanFixtures.weekdayActions(PlanFixtures.BERLIN));
        assertThatThrownBy(() -> hpa.render(plan)).hasMessage("rendering prod/x: target kubernetes-hpa needs attribute namespace");
    }

    private static String main(RenderedFiles files, String path) {
        return files.files().get("generated/" + path + "/main.tf");
    }
}
