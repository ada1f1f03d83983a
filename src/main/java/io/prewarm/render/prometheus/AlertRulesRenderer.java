package io.prewarm.render.prometheus;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.promql.PromQl;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.render.RenderedFiles;
import io.prewarm.render.hcl.HclExpr;
import io.prewarm.render.hcl.Naming;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alerting rules for a service's leading indicators, written to
 * {@code generated/prometheus/<environment>/<service>.rules.yml}. Every alert carries the labels
 * {@code service}, {@code environment} and {@code prewarm_action}, which an Alertmanager route matches
 * to send it to prewarm's {@code POST /v1/alertmanager} webhook:
 * <ul>
 * <li>queue depth above its maximum and p95 latency above the objective mean that demand outruns capacity:
 *     {@code scale-up};</li>
 * <li>connection pool above 80% and requests per second per active thread below baseline mean a
 *     dependency is the bottleneck: more instances would only add load to it, so {@code freeze}.</li>
 * </ul>
 * The YAML is written by jackson-dataformat-yaml from a record tree (double-quoted values, fixed order) so it is
 * byte-identical per plan. Queries
 * are written in their canonical one-line form ({@link PromQl#canonical}): comments are dropped, so one
 * cannot swallow the comparison that follows the query.
 */
public final class AlertRulesRenderer {
    public static final String SCALE_UP = "scale-up";
    public static final String FREEZE = "freeze";

    /** One rule before it is written. */
    record Rule(String alert, String expr, String forDuration, String action, String summary, String description) {
    }

    public AlertRulesRenderer() {
    }

    /** The path of a service's rule file, relative to the repository root. */
    public static String path(ServiceKey key) {
        return Naming.GENERATED + "/prometheus/" + key.environment().value() + "/" + key.service().value() + ".rules.yml";
    }

    public RenderedFiles render(CapacityPlan plan) {
        return RenderedFiles.of(Map.of(path(plan.key()), yaml(plan.key(), rules(plan.indicators()))));
    }

    static List<Rule> rules(Indicators ind) {
        List<Rule> rules = new ArrayList<>();
        ind.queueDepthQuery().ifPresent(q -> rules.add(new Rule("PrewarmQueueDepthHigh",
                above(q, ind.queueDepthMax()), "2m", SCALE_UP,
                "request queue deeper than " + num(ind.queueDepthMax()),
                "queue depth is {{ $value }}; prewarm raises the floor by one +20% step")));
        both(ind.latencyP95Query(), ind.latencyObjective()).ifPresent(p -> rules.add(new Rule("PrewarmLatencyP95High",
                above(p.query(), p.threshold()), "5m", SCALE_UP,
                "p95 latency above the " + num(p.threshold()) + " s objective",
                "p95 latency is {{ $value }} s; prewarm raises the floor by one +20% step")));
        ind.poolUsageQuery().ifPresent(q -> rules.add(new Rule("PrewarmConnectionPoolSaturated",
                above(q, ind.poolUsageMax()), "5m", FREEZE,
                "connection pool above " + num(ind.poolUsageMax() * 100) + "% in use",
                "pool use is {{ $value }}; more instances would open more connections, so prewarm freezes scaling")));
        both(ind.rpsPerThreadQuery(), ind.rpsPerThreadBaseline()).ifPresent(p -> rules.add(new Rule(
                "PrewarmThroughputPerThreadLow", compared(p.query(), "<", p.threshold()), "10m", FREEZE,
                "requests per second per active thread below the " + num(p.threshold()) + " baseline",
                "{{ $value }} rps per thread: threads wait on a dependency, so prewarm freezes scaling")));
        return rules;
    }

    private record QueryThreshold(String query, double threshold) {
    }

    private static Optional<QueryThreshold> both(Optional<String> query, Optional<Double> threshold) {
        return query.flatMap(q -> threshold.map(t -> new QueryThreshold(q, t)));
    }

    private static String above(String query, double threshold) {
        return compared(query, ">", threshold);
    }

    /**
     * {@code (query) > threshold} with the query in its canonical one-line form: comments dropped and
     * whitespace runs made one space, so a trailing {@code # comment} or a line break in the policy cannot
     * swallow the comparison, and the same policy always renders the same bytes.
     */
    private static String compared(String query, String op, double threshold) {
        return "(" + PromQl.canonical(query) + ") " + op + " " + num(threshold);
    }

    private static String num(double v) {
        return HclExpr.number(v).inline();
    }

    /**
     * The rule file: two comment lines, then the record tree below written by jackson-dataformat-yaml.
     * Values are double-quoted except alert names and {@code for} durations (see {@link #QUOTING}).
     */
    static String yaml(ServiceKey key, List<Rule> rules) {
        String group = "prewarm-" + key.environment().value() + "-" + key.service().value();
        RuleFile file = new RuleFile(List.of(new Group(group, rules.stream().map(r -> new YamlRule(r.alert(),
                r.expr(), r.forDuration(), new Labels(key.service().value(), key.environment().value(), r.action(),
                "warning"), new Annotations(key + ": " + r.summary(), r.description()))).toList())));
        try {
            return "# Generated by prewarm for " + key + ". Do not edit: the next plan rewrites it.\n"
                    + "# Route alerts with a prewarm_action label to prewarm's /v1/alertmanager webhook (docs/targets.md).\n"
                    + YAML.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the rules of " + key + ": " + e.getMessage(), e);
        }
    }

    // The file's record tree, in the order Prometheus documents the fields.
    record RuleFile(List<Group> groups) {
    }

    record Group(String name, List<YamlRule> rules) {
    }

    @JsonPropertyOrder({"alert", "expr", "for", "labels", "annotations"})
    record YamlRule(String alert, String expr, @JsonProperty("for") String forDuration, Labels labels,
                    Annotations annotations) {
    }

    record Labels(String service, String environment, @JsonProperty("prewarm_action") String action,
                  String severity) {
    }

    record Annotations(String summary, String description) {
    }

    /**
     * The alert names and durations {@link #rules} writes: plain scalars; every other value double-quoted (a
     * multi-line one, only possible in a query's raw string, as a literal block), whatever it contains. Service
     * and environment names start with a lower-case letter, so no label value is ever one of these.
     */
    private static final Set<String> PLAIN = Set.of("PrewarmQueueDepthHigh", "PrewarmLatencyP95High",
            "PrewarmConnectionPoolSaturated", "PrewarmThroughputPerThreadLow", "2m", "5m", "10m");

    private static final StringQuotingChecker QUOTING = new StringQuotingChecker.Default() {
        @Override
        public boolean needToQuoteValue(String value) {
            return !PLAIN.contains(value) || super.needToQuoteValue(value);
        }
    };

    /** Block style, arrays indented under their key, one line per scalar however long, no {@code ---}. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .stringQuotingChecker(QUOTING)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES, YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, YAMLGenerator.Feature.SPLIT_LINES)
            .build());
}
