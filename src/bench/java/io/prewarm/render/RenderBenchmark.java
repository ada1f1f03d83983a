package io.prewarm.render;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints render cost per target for a full-quota plan (one action per weekday slot, as the planner
 * emits them). A benchmark, not a timed test: {@code ./mvnw -q -B test -Dtest=RenderBenchmark -Dbench=true}.
 */
class RenderBenchmark {

    @Test
    void printsRenderTimePerTargetForAFullQuotaPlan() {
        assumeTrue(Boolean.getBoolean("bench"), "skipped: benchmark, run with -Dbench=true");
        Map<TargetKind, Target> targets = Map.of(
                TargetKind.AWS_ASG, new Target(TargetKind.AWS_ASG, "web", Map.of("region", "eu-central-1")),
                TargetKind.KUBERNETES_HPA, new Target(TargetKind.KUBERNETES_HPA, "web", Map.of("namespace", "shop")),
                TargetKind.KUBERNETES_KEDA, new Target(TargetKind.KUBERNETES_KEDA, "web",
                        Map.of("namespace", "shop", "prometheusServer", "http://prometheus:9090")),
                TargetKind.GCP_MIG, new Target(TargetKind.GCP_MIG, "web", Map.of("project", "p", "zone", "europe-west3-a")),
                TargetKind.AZURE_VMSS, new Target(TargetKind.AZURE_VMSS, "web",
                        Map.of("resourceGroup", "rg", "location", "westeurope", "resourceId", PlanFixtures.VMSS_ID)));
        Renderers renderers = new Renderers();
        System.out.printf("%-16s %8s %10s %10s%n", "target", "actions", "us/render", "bytes");
        for (TargetKind kind : TargetKind.values()) {
            int count = Math.min(kind.scheduleQuota(), kind == TargetKind.AZURE_VMSS ? 19 : 125);
            CapacityPlan plan = PlanFixtures.plan("prod", "web", targets.get(kind), actions(count));
            TerraformRenderer r = renderers.forKind(kind);
            int bytes = r.render(plan).files().values().stream().mapToInt(String::length).sum();
            for (int i = 0; i < 200; i++) {
                r.render(plan); // warm-up
            }
            int runs = 1000;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                r.render(plan);
            }
            double micros = (System.nanoTime() - start) / 1000.0 / runs;
            System.out.printf("%-16s %8d %10.1f %10d%n", kind.id(), count, micros, bytes);
            assertThat(bytes).isPositive();
        }
        CapacityPlan plan = PlanFixtures.plan("prod", "web", targets.get(TargetKind.AWS_ASG), actions(125));
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            new AlertRulesRenderer().render(plan);
        }
        System.out.printf("%-16s %8s %10.1f%n", "alert-rules", "-", (System.nanoTime() - start) / 1000.0 / 1000);
    }

    /** Weekday slots every 70 minutes from 06:00, floors rising and falling, as a planner would emit. */
    private static List<ScalingAction> actions(int count) {
        String[] days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        List<ScalingAction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int day = i % 7;
            int minute = 360 + (i / 7) * 70;
            int h = (minute / 60) % 24;
            int m = minute % 60;
            out.add(new ScalingAction(String.format("%s-%02d%02d", days[day], h, m),
                    Optional.of(m + " " + h + " * * " + ((day + 1) % 7)), Optional.empty(), PlanFixtures.BERLIN,
                    4 + (i * 7) % 20, 60, -1, ReasonCode.PREWARM, "slot " + i));
        }
        return out;
    }
}
