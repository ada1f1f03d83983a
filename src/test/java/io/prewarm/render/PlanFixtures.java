package io.prewarm.render;

import io.prewarm.common.Indicators;
import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanStep;
import io.prewarm.plan.ScalingAction;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built capacity plans (the planner is written elsewhere) with a realistic weekday shape. */
public final class PlanFixtures {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private PlanFixtures() {
    }

    public static CapacityPlan.Limits limits() {
        return new CapacityPlan.Limits(4, 60, 80, 60, 12, 1200.0, Duration.ofMinutes(10), 20, 20,
                Duration.ofMinutes(10), 100.0, 0.2, Duration.ofMinutes(5));
    }

    /** Weekday pre-warm, peak, gentle evening step-down, night floor and a one-off holiday action. */
    public static List<ScalingAction> weekdayActions(ZoneId zone) {
        return List.of(
                cron("weekday-0850-prewarm", "50 8 * * 1-5", zone, 10, -1, 10, ReasonCode.PREWARM,
                        "peak 1150 rps at 09:00 needs 14; 10 min lead"),
                cron("weekday-0900-peak", "0 9 * * 1-5", zone, 14, -1, -1, ReasonCode.PREDICTED_PEAK,
                        "upper forecast 1150 rps / 100 per instance + 20% headroom"),
                cron("weekday-1800-down", "0 18 * * 1-5", zone, 12, -1, -1, ReasonCode.SCALE_DOWN_STEP,
                        "-14% in one 10 min window (max 20%)"),
                cron("night-2200-floor", "0 22 * * *", zone, 4, 60, -1, ReasonCode.MIN_LIMIT,
                        "policy minimum 4"),
                new ScalingAction("holiday-2026-12-24", Optional.empty(),
                        Optional.of(Instant.parse("2026-12-24T07:50:00Z")), zone, 6, -1, -1, ReasonCode.HOLIDAY,
                        "Christmas Eve: half the weekday peak"));
    }

    static ScalingAction cron(String name, String cron, ZoneId zone, int min, int max, int desired,
                              ReasonCode reason, String detail) {
        return new ScalingAction(name, Optional.of(cron), Optional.empty(), zone, min, max, desired, reason, detail);
    }

    public static Indicators indicators() {
        return new Indicators(
                Optional.of("sum(http_server_queue_depth{service=\"checkout\"})"), 10,
                Optional.of("histogram_quantile(0.95, sum by (le) (rate(http_server_duration_seconds_bucket{service=\"checkout\"}[5m])))"),
                Optional.of(0.4),
                Optional.of("max(db_pool_active{service=\"checkout\"} / db_pool_max{service=\"checkout\"})"), 0.8,
                Optional.of("sum(rate(http_server_requests_total{service=\"checkout\"}[5m])) / sum(http_server_active_threads{service=\"checkout\"})"),
                Optional.of(2.5));
    }

    public static CapacityPlan plan(String env, String service, Target target, List<ScalingAction> actions) {
        List<PlanStep> timeline = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            timeline.add(new PlanStep(NOW.plus(Duration.ofMinutes(5L * i)), 400 + 60 * i, 5 + i / 2, 6 + i / 2,
                    ReasonCode.BASELINE));
        }
        List<ReasonCode> reasons = actions.stream().map(ScalingAction::reason).distinct().sorted().toList();
        return new CapacityPlan(ServiceKey.of(env, service), target, BERLIN, limits(), timeline, actions, reasons,
                "gbm", 0.93, Optional.empty(), List.of(), indicators());
    }

    public static CapacityPlan awsPlanWithAlarms() {
        return plan("prod", "checkout", new Target(TargetKind.AWS_ASG, "checkout-asg", Map.of(
                        "cloudwatchNamespace", "Prewarm/Prometheus", "cloudwatchMetric", "http_server_queue_depth",
                        "cloudwatchStatistic", "Maximum", "scaleOutAbove", "10", "scaleInBelow", "2")),
                weekdayActions(BERLIN));
    }

    public static OverrideSpec override(CapacityPlan plan, OverrideSpec.Kind kind, int count) {
        return new OverrideSpec(plan.key(), plan.target(), plan.zone(), kind, count, "em-20261128-1",
                "black friday: \"${checkout}\" queue > 10", Instant.parse("2026-11-29T06:00:00Z"));
    }

    public static CapacityPlan gcpPlan() {
        return plan("prod", "search", new Target(TargetKind.GCP_MIG, "search-mig",
                Map.of("project", "shop-prod", "zone", "europe-west3-a")), weekdayActions(BERLIN));
    }

    public static CapacityPlan hpaPlan() {
        return plan("staging", "catalog", new Target(TargetKind.KUBERNETES_HPA, "catalog",
                Map.of("namespace", "shop")), weekdayActions(BERLIN));
    }

    public static CapacityPlan kedaPlan() {
        return plan("prod", "checkout-api", new Target(TargetKind.KUBERNETES_KEDA, "checkout-api",
                Map.of("namespace", "shop", "kind", "StatefulSet",
                        "prometheusServer", "http://prometheus.monitoring:9090")), weekdayActions(BERLIN));
    }

    public static final String VMSS_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-prod"
            + "/providers/Microsoft.Compute/virtualMachineScaleSets/orders-vmss";

    public static CapacityPlan azurePlan() {
        return plan("prod", "orders", new Target(TargetKind.AZURE_VMSS, "orders-vmss", Map.of(
                "resourceGroup", "shop-prod", "location", "westeurope", "resourceId", VMSS_ID)), weekdayActions(BERLIN));
    }

    public static CapacityPlan awsPlan() {
        return plan("prod", "checkout", new Target(TargetKind.AWS_ASG, "checkout-asg", Map.of("region", "eu-central-1")),
                weekdayActions(BERLIN));
    }
}
