package io.prewarm.plan;

import io.prewarm.common.ReasonCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as a tree of maps and lists with a stable key order, ready for Jackson
 * ({@code objectMapper.writeValueAsString(PlanJson.toTree(plan))}). This is the per-service object of
 * {@code plan --output json}; the format is documented in {@code docs/planner.md}. Instants and
 * durations are ISO-8601 strings; numbers stay numbers.
 */
public final class PlanJson {
    private PlanJson() {
    }

    public static Map<String, Object> toTree(CapacityPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", plan.key().environment().value());
        root.put("service", plan.key().service().value());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("kind", plan.target().kind().id());
        target.put("name", plan.target().name());
        target.put("attributes", new LinkedHashMap<>(plan.target().attributes()));
        target.put("scheduleQuota", plan.target().kind().scheduleQuota());
        root.put("target", target);
        root.put("zone", plan.zone().getId());
        root.put("policy", limits(plan.limits()));
        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("model", plan.forecastModel());
        forecast.put("score", plan.forecastScore());
        root.put("forecast", forecast);
        root.put("verticalFloor", plan.verticalFloor().map(PlanJson::verticalFloor).orElse(null));
        root.put("reasons", plan.reasons().stream().map(Enum::name).toList());
        List<Object> actions = new ArrayList<>();
        for (ScalingAction a : plan.actions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            a.cron().ifPresent(c -> m.put("cron", c));
            a.at().ifPresent(t -> m.put("time", t.toString()));
            m.put("zone", a.zone().getId());
            m.put("min", a.min());
            m.put("max", a.max());
            m.put("desired", a.desired());
            m.put("reason", a.reason().name());
            m.put("detail", a.detail());
            actions.add(m);
        }
        root.put("actions", actions);
        List<Object> timeline = new ArrayList<>(plan.timeline().size());
        for (PlanStep s : plan.timeline()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", s.time().toString());
            m.put("demand", s.demand());
            m.put("required", s.required());
            m.put("capacity", s.capacity());
            m.put("reason", s.reason().name());
            timeline.add(m);
        }
        root.put("timeline", timeline);
        root.put("notes", plan.notes());
        return root;
    }

    private static Object verticalFloor(CapacityPlan.VerticalFloor v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", v.size());
        m.put("instances", v.instances());
        m.put("baselineDemand", v.baselineDemand());
        m.put("pricePerHour", v.pricePerHour());
        m.put("reason", ReasonCode.VERTICAL_FLOOR.name());
        return m;
    }

    private static Map<String, Object> limits(CapacityPlan.Limits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", l.min());
        m.put("max", l.max());
        m.put("policyMax", l.policyMax());
        m.put("safetyCap", l.safetyCap());
        m.put("normalPeak", l.normalPeak());
        m.put("normalPeakDemand", l.normalPeakDemand());
        m.put("prewarmLead", l.prewarmLead().toString());
        m.put("scaleUpMinPercent", l.scaleUpMinPercent());
        m.put("scaleDownMaxPercent", l.scaleDownMaxPercent());
        m.put("scaleDownCooldown", l.scaleDownCooldown().toString());
        m.put("perInstance", l.perInstance());
        m.put("headroom", l.headroom());
        m.put("step", l.step().toString());
        return m;
    }
}
