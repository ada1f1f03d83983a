package io.prewarm.render.azure;

import io.prewarm.common.TargetKind;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;
import io.prewarm.render.OverrideSpec;
import io.prewarm.render.TerraformRoot;
import io.prewarm.render.hcl.CommonBlocks;
import io.prewarm.render.hcl.HclBody;
import io.prewarm.render.hcl.HclExpr;
import io.prewarm.render.hcl.Naming;
import io.prewarm.render.schedule.ScheduleWindows;
import io.prewarm.render.schedule.WeeklyCron;

import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a plan as one {@code azurerm_monitor_autoscale_setting}. Azure recurrences have no end: a
 * recurring profile holds until the next one starts, which is exactly an action's "from now on", so each
 * (day set, hour, minute) of an action becomes one profile; one-off actions become fixed-date profiles
 * (they take precedence) lasting until the next action. Every profile carries a scale-out rule (+20%,
 * cooldown = pre-warm lead) and a gentle scale-in rule (at most 20% per window, cooldown = window).
 *
 * <p>Freeze: {@code enabled = false}; Azure then leaves the scale set's capacity where it is.
 * Emergency floor: every profile's minimum (and default) raised to the count.
 */
public final class AzureVmssRenderer extends TerraformRoot {
    public static final String PROVIDER_CONSTRAINT = ">= 3.0, < 5.0";
    /** Azure's limit per autoscale setting, the default profile included (so the planner's quota is 19 starts). */
    static final int MAX_PROFILES = TargetKind.AZURE_VMSS.scheduleQuota() + 1;
    static final int MAX_CAPACITY = 1000;

    public AzureVmssRenderer() {
        super(TargetKind.AZURE_VMSS, new Provider("azurerm", PROVIDER_CONSTRAINT));
    }

    /** The provider block with its required (empty) {@code features} block. */
    @Override
    protected HclBody versions(CapacityPlan plan) {
        HclBody versions = super.versions(plan);
        versions.block("provider", "azurerm").block("features");
        return versions;
    }

    /** One profile: a name, capacity and when it starts (none for the default profile). */
    private record Profile(String name, int min, int max, Optional<Recurrence> recurrence, Optional<String[]> fixed,
                           String comment) {
    }

    private record Recurrence(List<String> days, int hour, int minute) {
    }

    @Override
    protected HclBody main(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        String zone = Naming.ianaZone(plan.zone(), context);
        String windowsZone = WindowsTimeZones.windowsName(zone).orElseThrow(() -> new IllegalArgumentException(
                context + ": time zone " + zone + " has no Windows name in prewarm's table; "
                        + "use a mapped zone (for example Europe/Berlin) or add it to WindowsTimeZones"));
        List<Profile> profiles = profiles(plan, override, context);
        if (profiles.size() > MAX_PROFILES) {
            throw new IllegalArgumentException(context + ": " + profiles.size() + " autoscale profiles exceed Azure's "
                    + MAX_PROFILES + " (the default profile plus one per action start: plan at most "
                    + (MAX_PROFILES - 1) + " action starts for Azure)");
        }
        for (Profile p : profiles) {
            if (p.max() > MAX_CAPACITY) {
                throw new IllegalArgumentException(context + ": profile " + p.name() + " has maximum " + p.max()
                        + "; Azure autoscale allows at most " + MAX_CAPACITY);
            }
        }
        boolean frozen = override.filter(o -> o.kind() == OverrideSpec.Kind.FREEZE).isPresent();
        HclBody file = header(plan, override,
                "Recurring profiles hold until the next one starts; fixed-date profiles (holidays) take precedence.");
        HclBody r = file.block("resource", "azurerm_monitor_autoscale_setting", "prewarm");
        r.attribute("name", "prewarm-" + plan.key().environment().value() + "-" + plan.key().service().value());
        r.attribute("resource_group_name", HclExpr.ref("var.resource_group_name"));
        r.attribute("location", HclExpr.ref("var.location"));
        r.attribute("target_resource_id", HclExpr.ref("var.target_resource_id"));
        r.attribute("enabled", !frozen);
        for (Profile p : profiles) {
            HclBody b = r.commentedBlock(List.of(p.comment()), "profile");
            b.attribute("name", p.name());
            HclBody capacity = b.block("capacity");
            capacity.attribute("default", p.min());
            capacity.attribute("minimum", p.min());
            capacity.attribute("maximum", p.max());
            rules(b, plan.limits());
            p.recurrence().ifPresent(rec -> {
                HclBody x = b.block("recurrence");
                x.attribute("timezone", windowsZone);
                x.attribute("days", HclExpr.stringList(rec.days()));
                x.attribute("hours", HclExpr.list(List.of(HclExpr.number(rec.hour()))));
                x.attribute("minutes", HclExpr.list(List.of(HclExpr.number(rec.minute()))));
            });
            p.fixed().ifPresent(f -> {
                HclBody x = b.block("fixed_date");
                x.attribute("timezone", "UTC");
                x.attribute("start", f[0]);
                x.attribute("end", f[1]);
            });
        }
        return file;
    }

    private static List<Profile> profiles(CapacityPlan plan, Optional<OverrideSpec> override, String context) {
        CapacityPlan.Limits l = plan.limits();
        int floor = override.filter(o -> o.kind() == OverrideSpec.Kind.FLOOR).map(OverrideSpec::count).orElse(0);
        List<Profile> out = new ArrayList<>();
        out.add(capacity("default", l.min(), l.max(), l.max(), floor, Optional.empty(), Optional.empty(),
                "Plan limits, in force until the first recurring profile starts."));
        List<ScalingAction> recurring = plan.actions().stream().filter(a -> a.cron().isPresent())
                .sorted(Comparator.comparing(ScalingAction::name)).toList();
        for (ScalingAction a : recurring) {
            WeeklyCron cron = WeeklyCron.parse(a.cron().get(), context + ": action " + a.name());
            List<String> days = cron.days().stream().sorted().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();
            boolean single = cron.hours().size() == 1 && cron.minutes().size() == 1;
            for (int h : cron.hours()) {
                for (int m : cron.minutes()) {
                    String name = single ? a.name() : a.name() + String.format("-%02d%02d", h, m);
                    out.add(capacity(name, a.min(), a.max(), l.max(), floor,
                            Optional.of(new Recurrence(days, h, m)), Optional.empty(), a.reason() + ": " + a.detail()));
                }
            }
        }
        for (ScheduleWindows.OneOff o : ScheduleWindows.of(plan.actions(), plan.zone(), context).oneOffs()) {
            String start = Naming.utcSeconds(o.action().at().orElseThrow());
            String end = Naming.utcSeconds(o.end().atZone(plan.zone()).toInstant());
            out.add(capacity(o.action().name(), o.action().min(), o.action().max(), l.max(), floor, Optional.empty(),
                    Optional.of(new String[] {start, end}), o.action().reason() + ": " + o.action().detail()));
        }
        return out;
    }

    private static Profile capacity(String name, int min, int max, int planMax, int floor, Optional<Recurrence> rec,
                                    Optional<String[]> fixed, String comment) {
        int lo = Math.max(min, floor);
        int hi = Math.max(max == -1 ? planMax : max, lo);
        return new Profile(name, lo, hi, rec, fixed, comment);
    }

    private static void rules(HclBody profile, CapacityPlan.Limits l) {
        rule(profile, "GreaterThan", "var.cpu_scale_out_above", "PT5M", "Increase", l.scaleUpMinPercent(),
                clamp(l.prewarmLead(), Duration.ofMinutes(1), Duration.ofDays(7)));
        rule(profile, "LessThan", "var.cpu_scale_in_below",
                clamp(l.scaleDownCooldown(), Duration.ofMinutes(5), Duration.ofHours(12)), "Decrease",
                l.scaleDownMaxPercent(), clamp(l.scaleDownCooldown(), Duration.ofMinutes(1), Duration.ofDays(7)));
    }

    private static void rule(HclBody profile, String operator, String threshold, String window, String direction,
                             int percent, String cooldown) {
        HclBody rule = profile.block("rule");
        HclBody trigger = rule.block("metric_trigger");
        trigger.attribute("metric_name", "Percentage CPU");
        trigger.attribute("metric_resource_id", HclExpr.ref("var.target_resource_id"));
        trigger.attribute("time_grain", "PT1M");
        trigger.attribute("statistic", "Average");
        trigger.attribute("time_window", window);
        trigger.attribute("time_aggregation", "Average");
        trigger.attribute("operator", operator);
        trigger.attribute("threshold", HclExpr.ref(threshold));
        HclBody action = rule.block("scale_action");
        action.attribute("direction", direction);
        action.attribute("type", "PercentChangeCount");
        action.attribute("value", percent);
        action.attribute("cooldown", cooldown);
    }

    /** ISO 8601 within Azure's bounds ({@code PT5M}, {@code PT1H}); minutes precision. */
    static String clamp(Duration d, Duration lo, Duration hi) {
        Duration c = d.compareTo(lo) < 0 ? lo : d.compareTo(hi) > 0 ? hi : d;
        return Duration.ofMinutes(Math.max(1, c.toMinutes())).toString();
    }

    @Override
    protected HclBody variables(CapacityPlan plan, String context) {
        HclBody file = new HclBody();
        CommonBlocks.targetVariable(file, "resource_group_name", "Resource group of the autoscale setting",
                plan.target(), "resourceGroup", context);
        CommonBlocks.targetVariable(file, "location", "Azure region of the autoscale setting",
                plan.target(), "location", context);
        CommonBlocks.targetVariable(file, "target_resource_id", "ID of the virtual machine scale set",
                plan.target(), "resourceId", context);
        CommonBlocks.numberVariable(file, "cpu_scale_out_above", "Average CPU percent above which a profile adds capacity.", 70);
        CommonBlocks.numberVariable(file, "cpu_scale_in_below", "Average CPU percent below which a profile removes capacity gently.", 30);
        return file;
    }
}
