package io.prewarm.render.aws;

import io.prewarm.common.ScaleOutSteps;
import io.prewarm.common.Target;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;

import java.util.List;
import java.util.Optional;

/**
 * The reactive layer above the scheduled floors: a step scale-out policy (+20% or the policy's step,
 * at least {@code min_adjustment_magnitude} instances, with the pre-warm lead as instance warm-up) and
 * a gentle simple scale-in policy whose cooldown is the scale-down window, so at most the policy's
 * share leaves per window. CloudWatch alarms that drive them are written only when the policy names
 * a CloudWatch metric (target attributes {@code cloudwatchNamespace} and {@code cloudwatchMetric}):
 * Prometheus indicators reach CloudWatch only if the user exports them.
 */
final class AwsScalingPolicies {
    static final String UP = "step_up";
    static final String DOWN = "gentle_down";
    /** Alarm period in seconds; CloudWatch standard resolution. */
    static final int PERIOD = 60;

    /** The CloudWatch metric that drives the alarms, read from the policy's target block. */
    record AlarmMetric(String namespace, String metric, String statistic, double scaleOutAbove,
                       Optional<Double> scaleInBelow) {
        static final List<String> STATISTICS = List.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");

        static Optional<AlarmMetric> of(Target target, String context) {
            String namespace = target.attributes().get("cloudwatchNamespace");
            String metric = target.attributes().get("cloudwatchMetric");
            if (namespace == null && metric == null) {
                return Optional.empty();
            }
            if (namespace == null || metric == null) {
                throw new IllegalArgumentException(context + ": cloudwatchNamespace and cloudwatchMetric go together");
            }
            String statistic = target.attribute("cloudwatchStatistic", "Average");
            if (!STATISTICS.contains(statistic)) {
                throw new IllegalArgumentException(context + ": cloudwatchStatistic " + statistic
                        + " is not one of " + STATISTICS);
            }
            double above = number(target, "scaleOutAbove", context)
                    .orElseThrow(() -> new IllegalArgumentException(context + ": cloudwatchMetric needs scaleOutAbove"));
            return Optional.of(new AlarmMetric(namespace, metric, statistic, above, number(target, "scaleInBelow", context)));
        }

        private static Optional<Double> number(Target target, String key, String context) {
            String v = target.attributes().get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(context + ": " + key + " '" + v + "' is not a number");
            }
        }
    }

    private AwsScalingPolicies() {
    }

    /** One step adjustment: bounds relative to the threshold, in the metric's units. */
    record Step(double lower, Optional<Double> upper, int percent) {
    }

    /**
     * The step adjustments: graded by breach when the alarm's threshold is known (prewarm renders the
     * alarm), one step otherwise (bounds in the units of an alarm prewarm does not know). Bands that would
     * add no more than the band below are merged into it.
     */
    static List<Step> steps(int upPercent, Optional<Double> threshold) {
        if (threshold.isEmpty() || !(threshold.get() > 0)) {
            return List.of(new Step(0, Optional.empty(), upPercent));
        }
        double t = threshold.get();
        java.util.ArrayList<double[]> bands = new java.util.ArrayList<>();
        for (int i = 0; i < ScaleOutSteps.bands(); i++) {
            int p = ScaleOutSteps.percentFor(upPercent, ScaleOutSteps.breach(i));
            if (bands.isEmpty() || p > bands.get(bands.size() - 1)[1]) {
                bands.add(new double[] {ScaleOutSteps.breach(i) * t, p});
            }
        }
        java.util.ArrayList<Step> out = new java.util.ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            Optional<Double> upper = i + 1 < bands.size() ? Optional.of(bands.get(i + 1)[0]) : Optional.empty();
            out.add(new Step(bands.get(i)[0], upper, (int) bands.get(i)[1]));
        }
        return List.copyOf(out);
    }

    static void write(HclBody file, CapacityPlan plan, boolean enabled, Optional<AlarmMetric> alarms) {
        CapacityPlan.Limits l = plan.limits();
        String prefix = "prewarm-" + plan.key().service().value();
        int upPercent = l.scaleUpMinPercent();
        List<Step> steps = steps(upPercent, alarms.map(AlarmMetric::scaleOutAbove));
        HclBody up = file.commentedBlock(steps.size() == 1
                ? List.of("Scale out by at least " + upPercent + "% in one step; new instances count after the pre-warm lead.")
                : List.of("Scale out in one step sized to the breach: +" + upPercent + "% just above the threshold, up to +"
                                + steps.get(steps.size() - 1).percent() + "% at twice it;",
                        "new instances count after the pre-warm lead."), "resource", "aws_autoscaling_policy", UP);
        up.attribute("name", prefix + "-step-up");
        up.attribute("autoscaling_group_name", HclExpr.ref("var." + AwsAsgRenderer.ASG_VARIABLE));
        up.attribute("policy_type", "StepScaling");
        up.attribute("adjustment_type", "PercentChangeInCapacity");
        up.attribute("min_adjustment_magnitude", Math.max(1, (int) Math.ceil(l.min() * upPercent / 100.0)));
        up.attribute("metric_aggregation_type", "Average");
        up.attribute("estimated_instance_warmup", Math.max(0, l.prewarmLead().toSeconds()));
        up.attribute("enabled", enabled);
        for (Step st : steps) {
            HclBody step = up.block("step_adjustment");
            step.attribute("scaling_adjustment", st.percent());
            step.attribute("metric_interval_lower_bound", HclExpr.number(st.lower()));
            st.upper().ifPresent(u -> step.attribute("metric_interval_upper_bound", HclExpr.number(u)));
        }

        int downPercent = l.scaleDownMaxPercent();
        HclBody down = file.commentedBlock(List.of("Scale in by at most " + downPercent + "% per "
                        + l.scaleDownCooldown().toMinutes() + " min window (the cooldown blocks the next step)."),
                "resource", "aws_autoscaling_policy", DOWN);
        down.attribute("name", prefix + "-gentle-down");
        down.attribute("autoscaling_group_name", HclExpr.ref("var." + AwsAsgRenderer.ASG_VARIABLE));
        down.attribute("policy_type", "SimpleScaling");
        down.attribute("adjustment_type", "PercentChangeInCapacity");
        down.attribute("scaling_adjustment", -downPercent);
        down.attribute("cooldown", l.scaleDownCooldown().toSeconds());
        down.attribute("enabled", enabled);

        alarms.ifPresent(m -> alarms(file, plan, m, enabled));
    }

    private static void alarms(HclBody file, CapacityPlan plan, AlarmMetric m, boolean enabled) {
        String prefix = "prewarm-" + plan.key().environment().value() + "-" + plan.key().service().value();
        alarm(file, "scale_out", prefix + "-scale-out", m, "GreaterThanThreshold", m.scaleOutAbove(), 2,
                UP, enabled, m.metric() + " above " + plain(m.scaleOutAbove()) + " for 2 min: scale out");
        m.scaleInBelow().ifPresent(below -> {
            int window = (int) Math.max(1, plan.limits().scaleDownCooldown().toSeconds() / PERIOD);
            alarm(file, "scale_in", prefix + "-scale-in", m, "LessThanThreshold", below, window, DOWN, enabled,
                    m.metric() + " below " + plain(below) + " for " + window + " min: scale in gently");
        });
    }

    private static String plain(double value) {
        return HclExpr.number(value).inline();
    }

    private static void alarm(HclBody file, String label, String name, AlarmMetric m, String operator,
                              double threshold, int periods, String policy, boolean enabled, String description) {
        HclBody a = file.block("resource", "aws_cloudwatch_metric_alarm", label);
        a.attribute("alarm_name", name);
        a.attribute("alarm_description", description);
        a.attribute("namespace", m.namespace());
        a.attribute("metric_name", m.metric());
        a.attribute("statistic", m.statistic());
        a.attribute("period", PERIOD);
        a.attribute("evaluation_periods", periods);
        a.attribute("datapoints_to_alarm", periods);
        a.attribute("comparison_operator", operator);
        a.attribute("threshold", HclExpr.number(threshold));
        // Missing data never scales: no data is not evidence of load, nor of its absence.
        a.attribute("treat_missing_data", "notBreaching");
        a.attribute("actions_enabled", enabled);
        a.attribute("dimensions", HclExpr.object().put("AutoScalingGroupName",
                HclExpr.ref("var." + AwsAsgRenderer.ASG_VARIABLE)).compact());
        a.attribute("alarm_actions", HclExpr.list(List.of(HclExpr.ref("aws_autoscaling_policy." + policy + ".arn"))));
    }
}
