package io.prewarm.render.kubernetes;

import io.prewarm.common.Indicators;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;
import io.prewarm.render.hcl.HclExpr.ObjectExpr;
import io.prewarm.render.hcl.Naming;
import io.prewarm.render.schedule.ScheduleWindows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a plan as a KEDA {@code ScaledObject} through {@code kubernetes_manifest}: one cron trigger per
 * window in which an action raises the floor above the minimum (KEDA takes the largest trigger), a
 * prometheus trigger on queue depth when the policy gives the query and the Prometheus server, a CPU
 * trigger otherwise, and the brief's rates as HPA behaviour.
 *
 * <p>Freeze: the {@code autoscaling.keda.sh/paused-replicas} annotation (KEDA scales to the count and
 * stops). The paused annotations are listed in {@code computed_fields}, so a freeze set directly on the
 * cluster (kubectl annotate) survives the next apply. Emergency floor: {@code minReplicaCount} raised.
 */
public final class KedaRenderer extends KubernetesRoot {
    static final String PAUSED = "autoscaling.keda.sh/paused";
    static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";
    static final String CPU_UTILIZATION = "70";

    public KedaRenderer() {
        super(TargetKind.KUBERNETES_KEDA);
    }

    @Override
    protected HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        int[] replicas = replicas(plan, override);
        boolean frozen = override.filter(o -> o.kind() == OverrideSpec.Kind.FREEZE).isPresent();
        int min = frozen ? plan.limits().min() : replicas[0];
        int max = frozen ? plan.limits().max() : replicas[1];
        String zone = Naming.ianaZone(plan.zone(), context);
        List<String> notes = new ArrayList<>();
        List<HclExpr> triggers = new ArrayList<>();
        ScheduleWindows windows = ScheduleWindows.of(plan.actions(), plan.zone(), context);
        for (ScheduleWindows.Weekly w : windows.weekly()) {
            if (w.action().min() > min) {
                if (w.wholeWeek()) {
                    min = w.action().min(); // one action all week: a constant floor, not a window
                } else {
                    triggers.add(cron(zone, w.startCron(), w.endCron(), w.action().min()));
                }
            }
        }
        for (ScheduleWindows.OneOff o : windows.oneOffs()) {
            if (o.action().min() > min) {
                triggers.add(cron(zone, o.startCron(), o.endCron(), o.action().min()));
                notes.add("One-off " + o.action().name() + " repeats yearly in KEDA until a later plan drops it.");
            }
        }
        reactiveTrigger(plan, triggers, notes);

        HclBody file = header(plan, override,
                notes.toArray(String[]::new));
        HclBody r = file.block("resource", "kubernetes_manifest", "prewarm");
        ObjectExpr metadata = HclExpr.object()
                .put("name", HclExpr.ref("var.workload_name"))
                .put("namespace", HclExpr.ref("var.namespace"))
                .put("labels", HclExpr.object().put(MANAGED_BY, "prewarm").compact());
        if (frozen) {
            metadata.put("annotations", HclExpr.object().put(PAUSED_REPLICAS, Integer.toString(replicas[0])).compact());
        }
        Behavior b = Behavior.of(plan.limits());
        ObjectExpr behavior = HclExpr.object()
                .put("scaleUp", HclExpr.object()
                        .put("stabilizationWindowSeconds", 0)
                        .put("selectPolicy", "Max")
                        .put("policies", HclExpr.list(List.of(
                                policy("Percent", b.upPercent(), Behavior.UP_PERIOD),
                                policy("Pods", b.upPods(), Behavior.UP_PERIOD)))))
                .put("scaleDown", HclExpr.object()
                        .put("stabilizationWindowSeconds", b.downStabilization())
                        .put("selectPolicy", "Min")
                        .put("policies", HclExpr.list(List.of(policy("Percent", b.downPercent(), b.downPeriod())))));
        ObjectExpr spec = HclExpr.object()
                .put("scaleTargetRef", HclExpr.object()
                        .put("apiVersion", WORKLOAD_API)
                        .put("kind", HclExpr.ref("var.workload_kind"))
                        .put("name", HclExpr.ref("var.workload_name")))
                .put("minReplicaCount", min)
                .put("maxReplicaCount", max)
                .put("advanced", HclExpr.object().put("horizontalPodAutoscalerConfig",
                        HclExpr.object().put("behavior", behavior)))
                .put("triggers", HclExpr.list(triggers));
        r.attribute("manifest", HclExpr.object()
                .put("apiVersion", "keda.sh/v1alpha1")
                .put("kind", "ScaledObject")
                .put("metadata", metadata)
                .put("spec", spec));
        // Labels and annotations stay computed (the provider default), and the pause keys are named
        // explicitly so an out-of-band freeze is never undone by an apply.
        r.attribute("computed_fields", HclExpr.stringList(List.of("metadata.labels", "metadata.annotations",
                "metadata.annotations[\"" + PAUSED + "\"]", "metadata.annotations[\"" + PAUSED_REPLICAS + "\"]")));
        return file;
    }

    private static HclExpr cron(String zone, String start, String end, int replicas) {
        return HclExpr.object()
                .put("type", "cron")
                .put("metadata", HclExpr.object()
                        .put("timezone", zone)
                        .put("start", start)
                        .put("end", end)
                        .put("desiredReplicas", Integer.toString(replicas)));
    }

    private static void reactiveTrigger(CapacityPlan plan, List<HclExpr> triggers, List<String> notes) {
        Indicators ind = plan.indicators();
        Optional<String> server = Optional.ofNullable(plan.target().attributes().get("prometheusServer"));
        if (ind.queueDepthQuery().isPresent() && server.isPresent()) {
            triggers.add(HclExpr.object()
                    .put("type", "prometheus")
                    .put("metadata", HclExpr.object()
                            .put("serverAddress", server.get())
                            .put("query", ind.queueDepthQuery().get())
                            .put("threshold", HclExpr.number(ind.queueDepthMax()).inline())));
            return;
        }
        notes.add(ind.queueDepthQuery().isPresent()
                ? "No prometheusServer in the policy's target: CPU drives scaling instead of queue depth."
                : "No queue-depth query in the policy: CPU drives scaling.");
        triggers.add(HclExpr.object()
                .put("type", "cpu")
                .put("metricType", "Utilization")
                .put("metadata", HclExpr.object().put("value", CPU_UTILIZATION)));
    }

    private static HclExpr policy(String type, int value, int period) {
        return HclExpr.object().put("type", type).put("value", value).put("periodSeconds", period).compact();
    }
}
