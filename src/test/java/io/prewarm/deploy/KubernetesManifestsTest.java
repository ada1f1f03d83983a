package io.prewarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example overlay rendered by {@code kubectl kustomize}, checked by {@code kubectl apply --dry-run=client}
 * against a fake API server, and its properties asserted on the parsed YAML.
 */
class KubernetesManifestsTest {
    @TempDir
    static Path scratch;

    static Kubectl kubectl;
    static String rendered;
    static List<JsonNode> docs;

    @BeforeAll
    static void render() {
        kubectl = Kubectl.require();
        rendered = kubectl.kustomize(Manifests.OVERLAY, scratch);
        docs = Manifests.documents(rendered);
    }

    private static JsonNode pod() {
        return Manifests.only(docs, "Deployment").at("/spec/template");
    }

    private static JsonNode container() {
        JsonNode containers = pod().at("/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @Test
    void theRenderedManifestsPassKubectlsClientSideDryRun() {
        try (FakeApiServer api = new FakeApiServer()) {
            Kubectl.Result r = kubectl.run(List.of("--server", api.url(), "--cache-dir", scratch.resolve("cache").toString(),
                    "apply", "--dry-run=client", "--validate=false", "-f", "-"), rendered, scratch);
            assertThat(r.exitCode()).as("kubectl apply --dry-run=client: " + r.stderr()).isZero();
            List<String> created = r.stdout().lines().filter(l -> l.endsWith(" created (dry run)")).toList();
            assertThat(created).hasSize(docs.size()).contains(
                    "deployment.apps/prewarm-serve created (dry run)",
                    "service/prewarm-serve created (dry run)",
                    "serviceaccount/prewarm-serve created (dry run)",
                    "poddisruptionbudget.policy/prewarm-serve created (dry run)",
                    "networkpolicy.networking.k8s.io/prewarm-serve created (dry run)",
                    "servicemonitor.monitoring.coreos.com/prewarm-serve created (dry run)");
        }
    }

    @Test
    void theDryRunRefusesAnObjectWithoutAName() {
        String broken = rendered.replaceFirst("(?m)^  name: prewarm-serve$", "  generateName: prewarm-serve-");
        try (FakeApiServer api = new FakeApiServer()) {
            Kubectl.Result r = kubectl.run(List.of("--server", api.url(), "--cache-dir", scratch.resolve("cache").toString(),
                    "apply", "--dry-run=client", "--validate=false", "-f", "-"), broken, scratch);
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).containsIgnoringCase("name");
        }
    }

    @Test
    void theDeploymentRunsTwoReplicasSpreadOverNodes() {
        JsonNode deployment = Manifests.only(docs, "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        JsonNode spread = pod().at("/spec/topologySpreadConstraints");
        assertThat(spread.findValuesAsText("topologyKey")).contains("kubernetes.io/hostname");
        for (JsonNode c : spread) {
            assertThat(labels(c.at("/labelSelector/matchLabels"))).isEqualTo(labels(deployment.at("/spec/selector/matchLabels")));
        }
    }

    @Test
    void probesUseTheHealthChecksOnTheServePort() {
        JsonNode c = container();
        assertThat(c.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(c.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(args.indexOf("--port") + 1)).isEqualTo("8080");
        assertThat(args.get(args.indexOf("--host") + 1)).isEqualTo("0.0.0.0");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootWithoutCapabilitiesOrAServiceAccountToken() {
        JsonNode spec = pod().path("spec");
        assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(spec.at("/securityContext/runAsUser").asInt()).isEqualTo(10001);
        assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(spec.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode sc = container().path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.at("/capabilities/drop/0").asText()).isEqualTo("ALL");
        // the clone lives in java.io.tmpdir: /tmp must be writable
        String tmpVolume = null;
        for (JsonNode m : container().path("volumeMounts")) {
            if (m.path("mountPath").asText().equals("/tmp")) {
                tmpVolume = m.path("name").asText();
            }
        }
        assertThat(tmpVolume).as("a volume mounted at /tmp").isNotNull();
        for (JsonNode v : spec.path("volumes")) {
            if (v.path("name").asText().equals(tmpVolume)) {
                assertThat(v.has("emptyDir")).isTrue();
            }
        }
        JsonNode account = Manifests.only(docs, "ServiceAccount");
        assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo(account.at("/metadata/name").asText());
    }

    @Test
    void requestsAndLimitsAreSet() {
        JsonNode r = container().path("resources");
        for (String path : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertThat(r.at(path).asText()).as(path).isNotBlank();
        }
        assertThat(mebibytes(r.at("/requests/memory").asText())).isLessThanOrEqualTo(mebibytes(r.at("/limits/memory").asText()));
    }

    private static int mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        return Integer.parseInt(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    @Test
    void theDisruptionBudgetKeepsOneOfTheDeploymentsPods() {
        JsonNode pdb = Manifests.only(docs, "PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(labels(pod().at("/metadata/labels"))).containsAllEntriesOf(labels(pdb.at("/spec/selector/matchLabels")));
        assertThat(pdb.at("/spec/selector/matchLabels").size()).isPositive();
    }

    @Test
    void theNetworkPolicySelectsThePodsAndLetsInOnlyTheServePort() {
        JsonNode np = Manifests.only(docs, "NetworkPolicy");
        assertThat(np.at("/spec/podSelector/matchLabels").size()).isPositive();
        assertThat(labels(pod().at("/metadata/labels"))).containsAllEntriesOf(labels(np.at("/spec/podSelector/matchLabels")));
        assertThat(np.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(np.at("/spec/ingress")).isNotEmpty();
        for (JsonNode rule : np.at("/spec/ingress")) {
            assertThat(rule.path("from")).as("every ingress rule names its sources").isNotEmpty();
            assertThat(rule.path("ports").findValuesAsText("port")).containsOnly("8080");
        }
        List<String> egressPorts = np.at("/spec/egress").findValuesAsText("port");
        assertThat(egressPorts).contains("53", "443", "22", "9090");
    }

    @Test
    void theServiceAndServiceMonitorReachTheMetricsOfThePods() {
        JsonNode service = Manifests.only(docs, "Service");
        assertThat(labels(pod().at("/metadata/labels"))).containsAllEntriesOf(labels(service.at("/spec/selector")));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        JsonNode monitor = Manifests.only(docs, "ServiceMonitor");
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(labels(service.at("/metadata/labels"))).containsAllEntriesOf(labels(monitor.at("/spec/selector/matchLabels")));
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
    }

    @Test
    void secretsComeFromTheSecretAndNeverFromTheConfigMap() {
        Pattern secretish = Pattern.compile("(?i)(SECRET|TOKEN|PASSWORD|KEY)$");
        List<JsonNode> configMaps = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).toList();
        assertThat(configMaps).hasSize(2);
        for (JsonNode cm : configMaps) {
            cm.path("data").fields().forEachRemaining(e -> {
                assertThat(e.getKey()).as("ConfigMap " + cm.at("/metadata/name").asText() + " key").doesNotContainPattern(secretish);
                // GitLab tokens, private keys, credentials in a URL
                assertThat(e.getValue().asText()).as(e.getKey()).doesNotContainPattern("glpat-|glptt-|-----BEGIN|://[^/@\\s]+:[^/@\\s]+@");
            });
        }
        assertThat(docs).noneMatch(d -> d.path("kind").asText().equals("Secret"));
        List<String> fromSecret = new ArrayList<>();
        for (JsonNode env : container().path("env")) {
            String name = env.path("name").asText();
            if (secretish.matcher(name).find()) {
                assertThat(env.has("value")).as(name + " has no literal value").isFalse();
                assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).as(name).isEqualTo("prewarm-serve");
                fromSecret.add(name);
            }
        }
        assertThat(fromSecret).contains("PREWARM_API_TOKEN", "PREWARM_EMERGENCY_TOKENS_ALERTMANAGER_SECRET",
                "PREWARM_GITLAB_TRIGGER_TOKEN", "PREWARM_GITOPS_HTTPS_TOKEN");
        JsonNode envFrom = container().path("envFrom");
        assertThat(envFrom.findValuesAsText("name")).hasSize(1);
        assertThat(envFrom.at("/0/configMapRef/name").asText()).startsWith(Manifests.CONFIG_MAP + "-");
    }

    @Test
    void theImageTagIsTheProjectVersion() throws Exception {
        Matcher v = Pattern.compile("<artifactId>prewarm</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(v.find()).isTrue();
        assertThat(container().path("image").asText()).endsWith("/prewarm:" + v.group(1));
    }
}
