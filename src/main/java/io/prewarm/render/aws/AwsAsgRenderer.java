package io.prewarm.render.aws;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.TerraformRoot;
import io.prewarm.render.hcl.CommonBlocks;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;
import io.prewarm.render.hcl.HclStrings;
import io.prewarm.render.hcl.Naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a plan for an EC2 Auto Scaling group: one {@code aws_autoscaling_schedule} per scheduled
 * action, the reactive scaling policies (and their alarms when the policy names a CloudWatch metric),
 * the group's name as a variable whose default comes from the policy, outputs and the provider
 * constraint. prewarm never writes the group itself: the user's group needs
 * {@code lifecycle { ignore_changes = [min_size, max_size, desired_capacity] }} (see docs/targets.md).
 *
 * <p>Overrides: a freeze pins every scheduled action to min = max = desired = count, disables the
 * policies and alarms, and adds {@code freeze.tf} with an action that pins the group two minutes after
 * the apply's plan and one that restores the plan's limits when the freeze expires. An emergency floor
 * raises every action to at least the count and adds {@code floor.tf} (raise now, release at expiry).
 */
public final class AwsAsgRenderer extends TerraformRoot {
    /** Provider versions the output is written for: the 5.x line (offline tests) and 6.x (tfcheck schemas). */
    public static final String PROVIDER_CONSTRAINT = ">= 5.0, < 7.0";
    static final String ASG_VARIABLE = "autoscaling_group_name";
    static final String REGION_VARIABLE = "region";

    public AwsAsgRenderer() {
        super(TargetKind.AWS_ASG, new Provider("aws", PROVIDER_CONSTRAINT));
    }

    @Override
    protected HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        int quota = TargetKind.AWS_ASG.scheduleQuota() - (override.isPresent() ? 2 : 0);
        if (plan.actions().size() > quota) {
            throw new IllegalArgumentException(context + ": " + plan.actions().size()
                    + " scheduled actions exceed the quota of " + quota + " per group"
                    + (override.isPresent() ? " (125 less the override's two)" : ""));
        }
        var alarms = AwsScalingPolicies.AlarmMetric.of(plan.target(), context);
        HclBody file = header(plan, override,
                "The Auto Scaling group itself is yours; see docs/targets.md for its lifecycle block.");
        for (Map.Entry<String, ScalingAction> e : labelled(plan.actions(), context).entrySet()) {
            schedule(file, e.getKey(), adjust(e.getValue(), override), plan, context);
        }
        boolean frozen = override.filter(o -> o.kind() == OverrideSpec.Kind.FREEZE).isPresent();
        AwsScalingPolicies.write(file, plan, !frozen, alarms);
        return file;
    }

    /** {@code outputs.tf}, and under an override its own actions ({@code freeze.tf} or {@code floor.tf}). */
    @Override
    protected Map<String, HclBody> extraFiles(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        Map<String, HclBody> files = new TreeMap<>();
        files.put("outputs.tf", outputs(AwsScalingPolicies.AlarmMetric.of(plan.target(), context).isPresent()));
        override.ifPresent(o -> files.put(o.kind() == OverrideSpec.Kind.FREEZE ? "freeze.tf" : "floor.tf",
                overrideActions(plan, o)));
        return files;
    }

    /** The action under an override: pinned to the count (freeze) or raised to it (floor). */
    static ScalingAction adjust(ScalingAction a, Optional<OverrideSpec> override) {
        if (override.isEmpty()) {
            return a;
        }
        OverrideSpec o = override.get();
        String detail = a.detail() + " [" + o.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + o.id() + "]";
        if (o.kind() == OverrideSpec.Kind.FREEZE) {
            return new ScalingAction(a.name(), a.cron(), a.at(), a.zone(), o.count(), o.count(), o.count(),
                    a.reason(), detail);
        }
        return new ScalingAction(a.name(), a.cron(), a.at(), a.zone(), o.raise(a.min()), o.raise(a.max()),
                o.raise(a.desired()), a.reason(), detail);
    }

    /** Actions keyed by their resource label, so addresses depend only on the planner's stable action names. */
    static Map<String, ScalingAction> labelled(List<ScalingAction> actions, String context) {
        Map<String, ScalingAction> byLabel = new TreeMap<>();
        for (ScalingAction a : actions) {
            ScalingAction clash = byLabel.putIfAbsent(HclStrings.label(a.name()), a);
            if (clash != null) {
                throw new IllegalArgumentException(context + ": actions " + clash.name() + " and " + a.name()
                        + " map to the same resource name " + HclStrings.label(a.name()));
            }
        }
        return byLabel;
    }

    private static void schedule(HclBody file, String label, ScalingAction a, CapacityPlan plan, String context) {
        String actionContext = context + ": action " + a.name();
        HclBody r = file.commentedBlock(List.of(a.reason() + ": " + a.detail()),
                "resource", "aws_autoscaling_schedule", label);
        r.attribute("autoscaling_group_name", HclExpr.ref("var." + ASG_VARIABLE));
        r.attribute("scheduled_action_name", actionName(plan, a, actionContext));
        if (a.cron().isPresent()) {
            if (a.cron().get().trim().split("\\s+").length != 5) {
                throw new IllegalArgumentException(actionContext + ": cron '" + a.cron().get()
                        + "' does not have 5 fields (minute hour day-of-month month day-of-week)");
            }
            r.attribute("recurrence", a.cron().get());
            r.attribute("time_zone", Naming.ianaZone(a.zone(), actionContext));
        } else {
            r.attribute("start_time", Naming.utcSeconds(a.at().orElseThrow()));
        }
        r.attribute("min_size", a.min());
        r.attribute("max_size", a.max());
        r.attribute("desired_capacity", a.desired());
    }

    /**
     * {@code prewarm-<service>-<action>-<hash>}, the hash covering when the action runs. The name is
     * ForceNew, so a changed recurrence, zone or start recreates the action instead of leaving AWS's
     * stale implicit start time (terraform-provider-aws #723); a changed size updates in place.
     */
    static String actionName(CapacityPlan plan, ScalingAction a, String context) {
        String when = a.cron().map(c -> "cron:" + c + "@" + a.zone().getId())
                .orElseGet(() -> "at:" + Naming.utcSeconds(a.at().orElseThrow()));
        String name = "prewarm-" + plan.key().service().value() + "-" + a.name() + "-" + Naming.shortHash(when);
        if (name.length() > 255) {
            throw new IllegalArgumentException(context + ": scheduled action name is longer than 255 characters");
        }
        return name;
    }

    /**
     * The override's own actions. "Now" is {@code plantimestamp()} plus two minutes (AWS rejects a start in
     * the past), and {@code ignore_changes} keeps later plans from moving it; once AWS has run and deleted
     * the one-off action, the next apply recreates it, which re-asserts the same count. The release
     * action at expiry hands the group back to the plan's limits even if no pipeline runs then.
     */
    private static HclBody overrideActions(CapacityPlan plan, OverrideSpec o) {
        boolean freeze = o.kind() == OverrideSpec.Kind.FREEZE;
        String prefix = "prewarm-" + plan.key().service().value() + "-" + o.id();
        HclBody file = new HclBody();
        file.comment(o.summary());
        file.blank();
        HclBody now = file.commentedBlock(List.of(freeze ? "Pin the group at " + o.count() + " instances."
                : "Raise the floor to " + o.count() + " instances now."), "resource", "aws_autoscaling_schedule",
                "prewarm_override_start");
        now.attribute("autoscaling_group_name", HclExpr.ref("var." + ASG_VARIABLE));
        now.attribute("scheduled_action_name", prefix + "-start");
        now.attribute("start_time", HclExpr.call("timeadd", HclExpr.call("plantimestamp"), HclExpr.string("2m")));
        now.attribute("min_size", o.count());
        now.attribute("max_size", freeze ? o.count() : Math.max(o.count(), plan.limits().max()));
        now.attribute("desired_capacity", freeze ? o.count() : -1);
        now.block("lifecycle").attribute("ignore_changes", HclExpr.list(List.of(HclExpr.ref("start_time"))));

        HclBody end = file.commentedBlock(List.of("Release at expiry: back to the plan's limits; scale-in stays gentle."),
                "resource", "aws_autoscaling_schedule", "prewarm_override_end");
        end.attribute("autoscaling_group_name", HclExpr.ref("var." + ASG_VARIABLE));
        end.attribute("scheduled_action_name", prefix + "-end");
        end.attribute("start_time", Naming.utcSeconds(o.expires()));
        end.attribute("min_size", plan.limits().min());
        end.attribute("max_size", freeze ? plan.limits().max() : -1);
        end.attribute("desired_capacity", -1);
        return file;
    }

    @Override
    protected HclBody variables(CapacityPlan plan, String context) {
        HclBody file = new HclBody();
        CommonBlocks.stringVariable(file, ASG_VARIABLE,
                "Name of the Auto Scaling group prewarm schedules (policy target.name).", plan.target().name());
        String region = plan.target().attributes().get("region");
        if (region != null) {
            CommonBlocks.stringVariable(file, REGION_VARIABLE,
                    "AWS region of the Auto Scaling group (policy target.region).", region);
        }
        return file;
    }

    @Override
    protected HclBody versions(CapacityPlan plan) {
        HclBody file = super.versions(plan);
        if (plan.target().attributes().containsKey("region")) {
            // A provider block (not the 6.x per-resource region argument) keeps the output valid on 5.x too.
            file.block("provider", "aws").attribute("region", HclExpr.ref("var." + REGION_VARIABLE));
        }
        return file;
    }

    private static HclBody outputs(boolean alarms) {
        HclBody file = new HclBody();
        List<String[]> outputs = new ArrayList<>();
        outputs.add(new String[] {"scale_out_policy_arn", "aws_autoscaling_policy." + AwsScalingPolicies.UP + ".arn",
                "Step scale-out policy; point your own CloudWatch alarms here."});
        outputs.add(new String[] {"scale_in_policy_arn", "aws_autoscaling_policy." + AwsScalingPolicies.DOWN + ".arn",
                "Gentle scale-in policy; point your own CloudWatch alarms here."});
        for (String[] o : outputs) {
            HclBody b = file.block("output", o[0]);
            b.attribute("description", o[2] + (alarms ? " prewarm's alarms already do." : ""));
            b.attribute("value", HclExpr.ref(o[1]));
        }
        return file;
    }
}
