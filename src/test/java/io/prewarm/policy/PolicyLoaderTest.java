package io.prewarm.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.common.TargetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyLoaderTest {
    static final Set<String> COUNTRIES = Set.of("US", "DE", "JP");
    final PolicyLoader loader = new PolicyLoader(COUNTRIES);

    @TempDir
    Path dir;

    static final String VALID = """
            service: web
            environment: prod
            timezone: Europe/Berlin
            target: {type: aws-asg, name: web-asg}
            demand: {query: 'sum(rate(http_requests_total{job="web"}[5m]))'}
            capacity: {perInstance: 100, min: 2, max: 40}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void appliesTheBriefsDefaultsWhenRulesAreLeftOut() throws IOException {
        write("web.yaml", VALID);
        ServicePolicy p = loader.loadAll(dir).get(0);
        assertThat(p.key().path()).isEqualTo("prod/web");
        assertThat(p.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(p.target().kind()).isEqualTo(TargetKind.AWS_ASG);
        assertThat(p.demand().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.demand().history()).isEqualTo(Duration.ofDays(28));
        assertThat(p.capacity().headroom()).isEqualTo(0.2);
        assertThat(p.rules().prewarmLead()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.rules().scaleUpMinPercent()).isEqualTo(20);
        assertThat(p.rules().scaleDownMaxPercent()).isEqualTo(20);
        assertThat(p.rules().scaleDownCooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.rules().safetyCapFactor()).isEqualTo(5.0);
        assertThat(p.indicators().queueDepthMax()).isEqualTo(10);
        assertThat(p.indicators().poolUsageMax()).isEqualTo(0.8);
    }

    @Test
    void scheduledFloorsCarryThePointForecastWhereAReactiveLayerRunsAboveThem() throws IOException {
        String alarm = "cloudwatchNamespace: App, cloudwatchMetric: RequestsPerInstance, scaleOutAbove: 50";
        write("a.yaml", policy("a", "aws-asg", alarm, ""));
        write("b.yaml", policy("b", "aws-asg", alarm, ", scheduleFor: upper"));
        write("c.yaml", policy("c", "aws-asg", "", ""));
        write("d.yaml", policy("d", "aws-asg", "", ", scheduleFor: forecast"));
        write("e.yaml", policy("e", "kubernetes-hpa", "namespace: web", ""));
        List<ServicePolicy> all = loader.loadAll(dir);
        // c: no alarm drives AWS step scaling, so the floors are all there is and carry the upper bound
        assertThat(all).extracting(p -> p.key().service().value() + "=" + p.capacity().scheduleFor().id())
                .containsExactlyInAnyOrder("a=forecast", "b=upper", "c=upper", "d=forecast", "e=forecast");
    }

    private static String policy(String name, String type, String attrs, String capacity) {
        return "service: " + name + "\nenvironment: prod\ntarget: {type: " + type + ", name: " + name
                + (attrs.isEmpty() ? "" : ", " + attrs) + "}\ndemand: {query: 'sum(rate(x[5m]))'}\n"
                + "capacity: {perInstance: 10, min: 1, max: 5" + capacity + "}\n";
    }

    @Test
    void reportsEveryProblemOfEveryFileWithFileAndField() throws IOException {
        Path a = write("a.yaml", """
                service: Web_1
                environment: prod
                target: {type: aws-asgg, name: x}
                demand: {query: 'up', step: 7m, aggregation: avg}
                capacity: {perInstance: -3, min: 50, max: 10}
                rules: {scaleDownMaxPercent: 120, prewarmLead: soon, scaleUpMinPrecent: 30}
                holidays: {country: XX, dates: [2026-13-01]}
                """);
        Path b = write("sub/b.yml", """
                service: api
                environment: prod
                timezone: Mars/Olympus
                target: {type: gcp-mig, name: api}
                demand: {query: ''}
                capacity: {perInstance: 10, min: 1, max: 5, scheduleFor: p95}
                """);
        assertThatThrownBy(() -> loader.loadAll(dir))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    List<String> lines = e.problems().stream().map(PolicyProblem::toString).toList();
                    assertThat(lines).contains(
                            a + ": service: 'Web_1' is not a valid service name: use 1-50 lowercase letters, digits and '-', starting with a letter",
                            a + ": demand.step: 7m must divide one hour evenly (e.g. 1m, 5m, 15m)",
                            a + ": demand.aggregation: 'avg' is not one of sum, max, none",
                            a + ": capacity.perInstance: -3 must be greater than 0",
                            a + ": rules.scaleDownMaxPercent: 120 is out of range [1, 100]",
                            a + ": rules.prewarmLead: 'soon' is not a duration (use e.g. 30s, 5m, 1h, 28d)",
                            a + ": rules.scaleUpMinPrecent: unknown field (did you mean 'scaleUpMinPercent'?)",
                            a + ": holidays.country: 'XX' has no built-in calendar; use one of DE, JP, US, none",
                            a + ": holidays.dates[0]: '2026-13-01' is not a date (YYYY-MM-DD)",
                            b + ": timezone: 'Mars/Olympus' is not an IANA time zone (e.g. America/New_York)",
                            b + ": target.project: is required",
                            b + ": target.zone: is required",
                            b + ": demand.query: must not be empty",
                            b + ": capacity.scheduleFor: 'p95' is not one of forecast, upper");
                    assertThat(lines).anyMatch(l -> l.startsWith(a + ": target.type: 'aws-asgg' is not a known target"));
                    assertThat(lines).anyMatch(l -> l.equals(a + ": capacity.min: 50 is above capacity.max 10"));
                });
    }

    @Test
    void rejectsTheSameServiceDefinedTwice() throws IOException {
        write("one.yaml", VALID);
        Path two = write("two.yaml", VALID);
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOfSatisfying(PolicyException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::toString)
                        .containsExactly(two + ": service: 'prod/web' is already defined in " + dir.resolve("one.yaml")));
    }

    @Test
    void policiesMountedFromAKubernetesConfigMapAreLoadedOnce() throws IOException {
        // a ConfigMap volume: the files in a hidden timestamped folder, ..data linking to it, and one link per key
        Path data = write("..2026_12_04_15_00_00.000000001/web.yaml", VALID);
        Files.createSymbolicLink(dir.resolve("..data"), data.getParent().getFileName());
        Files.createSymbolicLink(dir.resolve("web.yaml"), Path.of("..data", "web.yaml"));
        assertThat(loader.loadAll(dir)).extracting(p -> p.key().toString()).containsExactly("prod/web");
    }

    @Test
    void hiddenFilesAndFoldersAreNotPolicies() throws IOException {
        write("web.yaml", VALID);
        write(".git/web.yaml", VALID);
        write("sub/.draft.yaml", "not: [valid");
        assertThat(loader.loadAll(dir)).extracting(p -> p.key().toString()).containsExactly("prod/web");
    }

    @Test
    void reportsBrokenYamlWithItsLine() throws IOException {
        Path p = write("bad.yaml", "service: web\n  environment: [prod\n");
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOfSatisfying(PolicyException.class, e ->
                assertThat(e.problems().get(0).toString()).startsWith(p + ": is not valid YAML at line "));
    }

    @Test
    void rejectsTypeMismatchesAndControlCharacters() throws IOException {
        Path p = write("t.yaml", VALID.replace("min: 2", "min: two").replace("web-asg", "\"web\\u0007asg\""));
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOfSatisfying(PolicyException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::toString).contains(
                        p + ": capacity.min: must be a whole number, got 'two'",
                        p + ": target.name: contains a control character (code 7)"));
    }

    @Test
    void awsAlarmSettingsAreCheckedTogether() throws IOException {
        Path p = write("alarms.yaml", VALID.replace("target: {type: aws-asg, name: web-asg}",
                "target: {type: aws-asg, name: web-asg, cloudwatchNamespace: App, scaleInBelow: low, "
                        + "cloudwatchStatistic: Median}"));
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOfSatisfying(PolicyException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::toString).containsExactlyInAnyOrder(
                        p + ": target.cloudwatchMetric: is required with target.cloudwatchNamespace",
                        p + ": target.cloudwatchStatistic: 'Median' is not one of Average, Minimum, Maximum, Sum, SampleCount",
                        p + ": target.scaleInBelow: 'low' is not a number",
                        p + ": target.cloudwatchMetric: is required when the target sets alarm thresholds or a statistic"));
    }

    @Test
    void anEmptyFolderIsAnError() {
        assertThatThrownBy(() -> loader.loadAll(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("contains no policy files");
    }

    @Test
    void theBundledExamplePoliciesAreValid() {
        List<ServicePolicy> all = new PolicyLoader(Set.of("US", "DE", "JP", "GB")).loadAll(Path.of("policies"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theJsonSchemaNamesExactlyTheFieldsTheLoaderAccepts() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("policies/schema.json").toFile());
        JsonNode props = schema.get("properties");
        assertThat(names(props)).isEqualTo(PolicyValidator.TOP);
        assertThat(names(props.get("demand").get("properties"))).isEqualTo(PolicyValidator.DEMAND);
        assertThat(names(props.get("capacity").get("properties"))).isEqualTo(PolicyValidator.CAPACITY);
        assertThat(names(props.get("rules").get("properties"))).isEqualTo(PolicyValidator.RULES);
        assertThat(names(props.get("holidays").get("properties"))).isEqualTo(PolicyValidator.HOLIDAYS);
        assertThat(names(props.get("indicators").get("properties"))).isEqualTo(PolicyValidator.INDICATORS);
        assertThat(names(props.get("instanceSizes").get("items").get("properties"))).isEqualTo(PolicyValidator.SIZE);
        Set<String> targetAttrs = new HashSet<>(Set.of("type", "name"));
        for (TargetKind k : TargetKind.values()) {
            targetAttrs.addAll(k.requiredAttributes());
            targetAttrs.addAll(k.optionalAttributes());
        }
        assertThat(names(props.get("target").get("properties"))).isEqualTo(targetAttrs);
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new HashSet<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
