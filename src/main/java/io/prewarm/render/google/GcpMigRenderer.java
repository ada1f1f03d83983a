package io.prewarm.render.google;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.TerraformRoot;
import io.prewarm.render.hcl.CommonBlocks;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;
import io.prewarm.render.hcl.Naming;
import io.prewarm.render.schedule.ScheduleWindows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a plan for a GCP managed instance group as one {@code google_compute_autoscaler}: the plan's
 * limits, CPU utilisation as the reactive signal (a schedule only sets a floor and the autoscaler needs
 * another signal), {@code scale_in_control} with the brief's scale-down share per window, and one
 * {@code scaling_schedules} entry per window in which an action raises the floor above the minimum.
 *
 * <p>Freeze: {@code mode = "OFF"} (the autoscaler stops resizing the group, which keeps its current
 * size) and every schedule disabled. Emergency floor: {@code min_replicas} raised to the count.
 */
public final class GcpMigRenderer extends TerraformRoot {
    public static final String PROVIDER_CONSTRAINT = ">= 5.0, < 8.0";
    static final int MIN_DURATION_SEC = 300;
    static final double CPU_TARGET = 0.6;
    private static final java.util.regex.Pattern NOT_NAME = java.util.regex.Pattern.compile("[^a-z0-9-]");

    public GcpMigRenderer() {
        super(TargetKind.GCP_MIG, new Provider("google", PROVIDER_CONSTRAINT));
    }

    @Override
    protected HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        CapacityPlan.Limits l = plan.limits();
        boolean frozen = override.filter(o -> o.kind() == OverrideSpec.Kind.FREEZE).isPresent();
        int min = override.filter(o -> o.kind() == OverrideSpec.Kind.FLOOR).map(o -> o.raise(l.min())).orElse(l.min());
        int max = override.filter(o -> o.kind() == OverrideSpec.Kind.FLOOR).map(o -> o.raise(l.max())).orElse(l.max());
        String zone = Naming.ianaZone(plan.zone(), context);
        List<Schedule> schedules = schedules(plan, min, context);

        HclBody file = header(plan, override,
                "Scaling schedules raise the floor only; CPU utilisation stays the reactive signal.");
        HclBody r = file.block("resource", "google_compute_autoscaler", "prewarm");
        r.attribute("name", "prewarm-" + plan.key().service().value());
        r.attribute("project", HclExpr.ref("var.project"));
        r.attribute("zone", HclExpr.ref("var.zone"));
        r.attribute("target", HclExpr.call("format",
                HclExpr.string("projects/%s/zones/%s/instanceGroupManagers/%s"),
                HclExpr.ref("var.project"), HclExpr.ref("var.zone"), HclExpr.ref("var.instance_group_manager")));
        r.attribute("description", "prewarm plan for " + plan.key());

        HclBody p = r.block("autoscaling_policy");
        p.attribute("min_replicas", min);
        p.attribute("max_replicas", max);
        // The cooldown is GCP's initialization period: metrics of a new VM count after boot and warm-up.
        p.attribute("cooldown_period", Math.max(0, l.prewarmLead().toSeconds()));
        p.attribute("mode", frozen ? "OFF" : "ON");
        p.block("cpu_utilization").attribute("target", HclExpr.ref("var.cpu_target"));
        HclBody scaleIn = p.block("scale_in_control");
        scaleIn.attribute("time_window_sec", l.scaleDownCooldown().toSeconds());
        scaleIn.block("max_scaled_in_replicas").attribute("percent", l.scaleDownMaxPercent());
        for (Schedule s : schedules) {
            HclBody b = p.block("scaling_schedules");
            b.attribute("name", s.name());
            b.attribute("description", s.description());
            b.attribute("schedule", s.cron());
            b.attribute("time_zone", zone);
            b.attribute("duration_sec", s.durationSec());
            b.attribute("min_required_replicas", s.replicas());
            b.attribute("disabled", frozen);
        }
        return file;
    }

    /** One scaling schedule. */
    record Schedule(String name, String description, String cron, long durationSec, int replicas) {
    }

    /**
     * Windows whose floor is above the minimum (others change nothing), named after the action with a
     * hash of the window so names stay stable when unrelated windows change. GCP requires at least 300 s.
     */
    static List<Schedule> schedules(CapacityPlan plan, int min, String context) {
        ScheduleWindows windows = ScheduleWindows.of(plan.actions(), plan.zone(), context);
        List<Schedule> out = new ArrayList<>();
        for (ScheduleWindows.Weekly w : windows.weekly()) {
            if (w.action().min() > min) {
                long duration = Math.max(MIN_DURATION_SEC, w.minutes() * 60L);
                String also = w.names().size() > 1 ? " (actions " + String.join(", ", w.names()) + ")" : "";
                out.add(new Schedule(name(w.action().name(), w.startCron() + "+" + duration),
                        w.action().reason() + ": " + w.action().detail() + also, w.startCron(), duration,
                        w.action().min()));
            }
        }
        for (ScheduleWindows.OneOff o : windows.oneOffs()) {
            if (o.action().min() > min) {
                long duration = Math.max(MIN_DURATION_SEC, o.minutes() * 60L);
                out.add(new Schedule(name(o.action().name(), o.startCronWithYear() + "+" + duration),
                        o.action().reason() + ": " + o.action().detail(), o.startCronWithYear(), duration,
                        o.action().min()));
            }
        }
        if (out.size() > TargetKind.GCP_MIG.scheduleQuota()) {
            throw new IllegalArgumentException(context + ": " + out.size() + " scaling schedules exceed the quota of "
                    + TargetKind.GCP_MIG.scheduleQuota() + " per instance group");
        }
        return out;
    }

    /** A schedule name: lowercase, at most 63 characters, ending in a hash of the window. */
    static String name(String action, String window) {
        String base = NOT_NAME.matcher(action.toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "s-" + base;
        }
        if (base.length() > 54) {
            base = base.substring(0, 54);
        }
        return base + "-" + Naming.shortHash(window);
    }

    @Override
    protected HclBody variables(CapacityPlan plan, String context) {
        HclBody file = new HclBody();
        CommonBlocks.targetVariable(file, "project", "GCP project of the instance group",
                plan.target(), "project", context);
        CommonBlocks.targetVariable(file, "zone", "Zone of the instance group", plan.target(), "zone", context);
        CommonBlocks.stringVariable(file, "instance_group_manager",
                "Name of the managed instance group (policy target.name).", plan.target().name());
        CommonBlocks.numberVariable(file, "cpu_target",
                "CPU utilisation the autoscaler keeps between the scheduled floors (0-1).", CPU_TARGET);
        return file;
    }
}
