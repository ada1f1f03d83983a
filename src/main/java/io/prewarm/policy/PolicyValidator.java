package io.prewarm.policy;

import com.fasterxml.jackson.databind.JsonNode;

import io.prewarm.common.Environment;
import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceId;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns one raw YAML tree into a {@link ServicePolicy}, recording every problem with its field. */
final class PolicyValidator {
    static final Set<String> TOP = Set.of("service", "environment", "timezone", "target", "demand", "capacity",
            "rules", "holidays", "instanceSizes", "indicators");
    static final Set<String> DEMAND = Set.of("query", "step", "history", "aggregation", "instanceQuery");
    static final Set<String> CAPACITY = Set.of("perInstance", "headroom", "min", "max", "scheduleFor");
    static final Set<String> RULES = Set.of("prewarmLead", "scaleUpMinPercent", "scaleDownMaxPercent",
            "scaleDownCooldown", "backoffMax", "backoffReset", "safetyCapFactor");
    static final Set<String> HOLIDAYS = Set.of("country", "dates");
    static final Set<String> SIZE = Set.of("name", "capacity", "pricePerHour");
    static final Set<String> INDICATORS = Set.of("queueDepth", "latencyP95", "poolUsage", "rpsPerThread");

    private final Set<String> knownCountries;

    PolicyValidator(Set<String> knownCountries) {
        this.knownCountries = new TreeSet<>(knownCountries);
        this.knownCountries.add("none");
    }

    ServicePolicy validate(Path file, JsonNode root, List<PolicyProblem> problems) {
        int before = problems.size();
        FieldReader r = new FieldReader(file.toString(), problems);
        r.rejectUnknown(root, "", TOP);

        Optional<String> service = r.text(root, "service", "", true);
        service.filter(s -> !ServiceId.isValid(s)).ifPresent(s -> r.problem("service",
                "'" + s + "' is not a valid service name: use 1-50 lowercase letters, digits and '-', starting with a letter"));
        Optional<String> env = r.text(root, "environment", "", true);
        env.filter(s -> !Environment.isValid(s)).ifPresent(s -> r.problem("environment",
                "'" + s + "' is not a valid environment name: use 1-32 lowercase letters, digits and '-', starting with a letter"));
        ZoneId zone = r.zone(root, "timezone", "").orElse(ZoneId.of(PolicyDefaults.TIMEZONE));

        Target target = target(r, root);
        ServicePolicy.Demand demand = demand(r, root);
        ServicePolicy.Capacity capacity = capacity(r, root, target);
        ServicePolicy.Rules rules = rules(r, root);
        ServicePolicy.Holidays holidays = holidays(r, root);
        List<ServicePolicy.InstanceSize> sizes = sizes(r, root);
        Indicators indicators = indicators(r, root);
        if (capacity != null && capacity.perInstance().isEmpty() && demand != null
                && (demand.instanceQuery().isEmpty() || indicators.latencyP95Query().isEmpty())) {
            r.problem("capacity.perInstance", "is required unless demand.instanceQuery and indicators.latencyP95 are "
                    + "given (then it is learned from history: the rate one instance carried while p95 latency met "
                    + "its objective)");
        }

        if (problems.size() > before || target == null || demand == null || capacity == null || rules == null) {
            return null;
        }
        return new ServicePolicy(file, ServiceKey.of(env.orElseThrow(), service.orElseThrow()), target, demand,
                capacity, rules, zone, holidays, sizes, indicators);
    }

    private Target target(FieldReader r, JsonNode root) {
        JsonNode t = r.object(root, "target", "", true);
        if (t == null) {
            return null;
        }
        Optional<String> type = r.text(t, "type", "target", true);
        Optional<TargetKind> kind = type.flatMap(TargetKind::fromId);
        if (type.isPresent() && kind.isEmpty()) {
            r.problem("target.type", "'" + type.get() + "' is not a known target; use one of "
                    + Arrays.stream(TargetKind.values()).map(TargetKind::id).collect(Collectors.joining(", ")));
        }
        Optional<String> name = r.text(t, "name", "target", true);
        name.filter(n -> n.length() > 255 || n.contains("\n")).ifPresent(n ->
                r.problem("target.name", "'" + n + "' must be one line of at most 255 characters"));
        if (kind.isEmpty()) {
            return null;
        }
        Set<String> known = new HashSet<>(Set.of("type", "name"));
        known.addAll(kind.get().requiredAttributes());
        known.addAll(kind.get().optionalAttributes());
        r.rejectUnknown(t, "target", known);
        Map<String, String> attrs = new TreeMap<>();
        for (String a : new TreeSet<>(kind.get().requiredAttributes())) {
            r.text(t, a, "target", true).ifPresent(v -> attrs.put(a, v));
        }
        for (String a : new TreeSet<>(kind.get().optionalAttributes())) {
            r.text(t, a, "target", false).ifPresent(v -> attrs.put(a, v));
        }
        if (kind.get() == TargetKind.AWS_ASG) {
            awsAlarms(r, attrs);
        }
        return name.map(n -> new Target(kind.get(), n, attrs)).orElse(null);
    }

    /** The optional CloudWatch metric that drives AWS step scaling: checked here so rendering cannot fail. */
    private static void awsAlarms(FieldReader r, Map<String, String> attrs) {
        boolean ns = attrs.containsKey("cloudwatchNamespace");
        boolean metric = attrs.containsKey("cloudwatchMetric");
        if (ns != metric) {
            r.problem(ns ? "target.cloudwatchMetric" : "target.cloudwatchNamespace",
                    "is required with target." + (ns ? "cloudwatchNamespace" : "cloudwatchMetric"));
        }
        String stat = attrs.get("cloudwatchStatistic");
        if (stat != null && !Set.of("Average", "Minimum", "Maximum", "Sum", "SampleCount").contains(stat)) {
            r.problem("target.cloudwatchStatistic", "'" + stat + "' is not one of Average, Minimum, Maximum, Sum, SampleCount");
        }
        for (String f : List.of("scaleOutAbove", "scaleInBelow")) {
            String v = attrs.get(f);
            if (v != null) {
                try {
                    if (!Double.isFinite(Double.parseDouble(v))) {
                        throw new NumberFormatException(v);
                    }
                } catch (NumberFormatException e) {
                    r.problem("target." + f, "'" + v + "' is not a number");
                }
            }
        }
        if (metric && !attrs.containsKey("scaleOutAbove")) {
            r.problem("target.scaleOutAbove", "is required with target.cloudwatchMetric");
        }
        if (!metric && (attrs.containsKey("scaleOutAbove") || attrs.containsKey("scaleInBelow")
                || attrs.containsKey("cloudwatchStatistic"))) {
            r.problem("target.cloudwatchMetric", "is required when the target sets alarm thresholds or a statistic");
        }
    }

    private ServicePolicy.Demand demand(FieldReader r, JsonNode root) {
        JsonNode d = r.object(root, "demand", "", true);
        if (d == null) {
            return null;
        }
        r.rejectUnknown(d, "demand", DEMAND);
        Optional<String> query = r.text(d, "query", "demand", true);
        query.ifPresent(q -> QueryCheck.rangeQuery(r, "demand.query", q));
        Duration step = r.duration(d, "step", "demand", Duration.ofSeconds(15), Duration.ofHours(1))
                .orElse(PolicyDefaults.STEP);
        Duration history = r.duration(d, "history", "demand", Duration.ofDays(1), Duration.ofDays(400))
                .orElse(PolicyDefaults.HISTORY);
        if (history.getSeconds() % step.getSeconds() != 0) {
            r.problem("demand.history", FieldReader.format(history) + " is not a whole number of steps of "
                    + FieldReader.format(step));
        }
        if (Duration.ofHours(1).getSeconds() % step.getSeconds() != 0) {
            r.problem("demand.step", FieldReader.format(step) + " must divide one hour evenly (e.g. 1m, 5m, 15m)");
        }
        ServicePolicy.Aggregation agg = r.oneOf(d, "aggregation", "demand", ServicePolicy.Aggregation.SUM)
                .orElse(ServicePolicy.Aggregation.SUM);
        Optional<String> instanceQuery = r.text(d, "instanceQuery", "demand", false);
        instanceQuery.ifPresent(q -> QueryCheck.rangeQuery(r, "demand.instanceQuery", q));
        if (query.isEmpty()) {
            return null;
        }
        return new ServicePolicy.Demand(query.get(), step, history, agg, instanceQuery);
    }

    private ServicePolicy.Capacity capacity(FieldReader r, JsonNode root, Target target) {
        JsonNode c = r.object(root, "capacity", "", true);
        if (c == null) {
            return null;
        }
        r.rejectUnknown(c, "capacity", CAPACITY);
        Optional<Double> per = r.positive(c, "perInstance", "capacity", false, 1e12);
        double headroom = r.number(c, "headroom", "capacity", false, 0, 5).orElse(PolicyDefaults.HEADROOM);
        Optional<Integer> min = r.integer(c, "min", "capacity", true, 0, 10_000);
        Optional<Integer> max = r.integer(c, "max", "capacity", true, 1, 10_000);
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            r.problem("capacity.min", min.get() + " is above capacity.max " + max.get());
            return null;
        }
        // without a reactive layer above them, the floors are all the capacity there is: they cover the upper bound
        Optional<ServicePolicy.ScheduleFor> scheduleFor = r.oneOf(c, "scheduleFor", "capacity",
                target == null || target.hasReactiveTrigger()
                        ? ServicePolicy.ScheduleFor.FORECAST : ServicePolicy.ScheduleFor.UPPER);
        if (scheduleFor.isEmpty() || min.isEmpty() || max.isEmpty()) {
            return null;
        }
        return new ServicePolicy.Capacity(per, headroom, min.get(), max.get(), scheduleFor.get());
    }

    private ServicePolicy.Rules rules(FieldReader r, JsonNode root) {
        JsonNode n = r.object(root, "rules", "", false);
        r.rejectUnknown(n, "rules", RULES);
        Duration lead = r.duration(n, "prewarmLead", "rules", Duration.ZERO, Duration.ofHours(2))
                .orElse(PolicyDefaults.PREWARM_LEAD);
        int up = r.integer(n, "scaleUpMinPercent", "rules", false, 1, 1000).orElse(PolicyDefaults.SCALE_UP_MIN_PERCENT);
        int down = r.integer(n, "scaleDownMaxPercent", "rules", false, 1, 100)
                .orElse(PolicyDefaults.SCALE_DOWN_MAX_PERCENT);
        Duration cooldown = r.duration(n, "scaleDownCooldown", "rules", Duration.ofMinutes(1), Duration.ofDays(1))
                .orElse(PolicyDefaults.SCALE_DOWN_COOLDOWN);
        Duration backoffMax = r.duration(n, "backoffMax", "rules", Duration.ofMinutes(1), Duration.ofDays(7))
                .orElse(PolicyDefaults.BACKOFF_MAX);
        Duration backoffReset = r.duration(n, "backoffReset", "rules", Duration.ofMinutes(1), Duration.ofDays(7))
                .orElse(PolicyDefaults.BACKOFF_RESET);
        double cap = r.number(n, "safetyCapFactor", "rules", false, 1, 100).orElse(PolicyDefaults.SAFETY_CAP_FACTOR);
        if (backoffMax.compareTo(cooldown) < 0) {
            r.problem("rules.backoffMax", FieldReader.format(backoffMax) + " is below rules.scaleDownCooldown "
                    + FieldReader.format(cooldown));
        }
        return new ServicePolicy.Rules(lead, up, down, cooldown, backoffMax, backoffReset, cap);
    }

    private ServicePolicy.Holidays holidays(FieldReader r, JsonNode root) {
        JsonNode h = r.object(root, "holidays", "", false);
        r.rejectUnknown(h, "holidays", HOLIDAYS);
        String country = r.text(h, "country", "holidays", false).orElse(PolicyDefaults.HOLIDAY_COUNTRY);
        if (!knownCountries.contains(country)) {
            r.problem("holidays.country", "'" + country + "' has no built-in calendar; use one of "
                    + String.join(", ", knownCountries));
        }
        List<LocalDate> dates = r.dates(h, "dates", "holidays");
        return new ServicePolicy.Holidays(country, new ArrayList<>(new TreeSet<>(dates)));
    }

    private List<ServicePolicy.InstanceSize> sizes(FieldReader r, JsonNode root) {
        JsonNode n = root.get("instanceSizes");
        List<ServicePolicy.InstanceSize> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            r.problem("instanceSizes", "must be a list, got " + FieldReader.describe(n));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String path = "instanceSizes[" + i + "]";
            JsonNode s = n.get(i);
            if (!s.isObject()) {
                r.problem(path, "must be a mapping with name, capacity and pricePerHour");
                continue;
            }
            r.rejectUnknown(s, path, SIZE);
            Optional<String> name = r.text(s, "name", path, true);
            Optional<Double> cap = r.positive(s, "capacity", path, true, 1e12);
            Optional<Double> price = r.number(s, "pricePerHour", path, true, 0, 1e6);
            if (name.isPresent() && !names.add(name.get())) {
                r.problem(path + ".name", "'" + name.get() + "' is listed twice");
            }
            if (name.isPresent() && cap.isPresent() && price.isPresent()) {
                out.add(new ServicePolicy.InstanceSize(name.get(), cap.get(), price.get()));
            }
        }
        return out;
    }

    private Indicators indicators(FieldReader r, JsonNode root) {
        JsonNode n = r.object(root, "indicators", "", false);
        if (n == null) {
            return Indicators.none();
        }
        r.rejectUnknown(n, "indicators", INDICATORS);
        JsonNode q = r.object(n, "queueDepth", "indicators", false);
        JsonNode l = r.object(n, "latencyP95", "indicators", false);
        JsonNode p = r.object(n, "poolUsage", "indicators", false);
        JsonNode t = r.object(n, "rpsPerThread", "indicators", false);
        r.rejectUnknown(q, "indicators.queueDepth", Set.of("query", "max"));
        r.rejectUnknown(l, "indicators.latencyP95", Set.of("query", "objective"));
        r.rejectUnknown(p, "indicators.poolUsage", Set.of("query", "max"));
        r.rejectUnknown(t, "indicators.rpsPerThread", Set.of("query", "baseline"));
        Optional<String> qq = r.text(q, "query", "indicators.queueDepth", q != null);
        double qmax = r.number(q, "max", "indicators.queueDepth", false, 0, 1e9).orElse(Indicators.DEFAULT_QUEUE_DEPTH_MAX);
        Optional<String> lq = r.text(l, "query", "indicators.latencyP95", l != null);
        Optional<Double> lo = r.positive(l, "objective", "indicators.latencyP95", l != null, 3600);
        Optional<String> pq = r.text(p, "query", "indicators.poolUsage", p != null);
        double pmax = r.number(p, "max", "indicators.poolUsage", false, 0.01, 1).orElse(Indicators.DEFAULT_POOL_USAGE_MAX);
        Optional<String> tq = r.text(t, "query", "indicators.rpsPerThread", t != null);
        Optional<Double> tb = r.positive(t, "baseline", "indicators.rpsPerThread", t != null, 1e9);
        qq.ifPresent(v -> QueryCheck.comparable(r, "indicators.queueDepth.query", v));
        lq.ifPresent(v -> QueryCheck.comparable(r, "indicators.latencyP95.query", v));
        pq.ifPresent(v -> QueryCheck.comparable(r, "indicators.poolUsage.query", v));
        tq.ifPresent(v -> QueryCheck.comparable(r, "indicators.rpsPerThread.query", v));
        return new Indicators(qq, qmax, lq, lo, pq, pmax, tq, tb);
    }
}
