package io.prewarm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.prewarm.cli.GitConfig;
import io.prewarm.cli.ServeCommand;
import io.prewarm.emergency.EmergencyConfig;
import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.gitlab.GitLabConfig;
import io.prewarm.gitops.gitlab.GitLabTriggerConfig;
import io.prewarm.metrics.prometheus.PrometheusConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps deploy/kubernetes in step with the application: every PREWARM_* / QUARKUS_* variable the manifests
 * set is a configuration property (or one of serve's arguments), the variables really configure the mappings,
 * and serve's arguments are options {@link ServeCommand} accepts. Reads the files directly (no kubectl).
 */
class ManifestConfigSyncTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** Every variable the manifests give serve: the ConfigMap's keys and the container's env. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(Manifests.configLiterals());
        for (JsonNode e : Manifests.serveContainer().path("env")) {
            String name = e.path("name").asText();
            // a secret's stand-in value: long enough for a token (16 characters)
            env.put(name, e.has("value") ? e.path("value").asText() : "secret-of-" + name.toLowerCase());
        }
        return env;
    }

    private static List<String> args() {
        List<String> args = new ArrayList<>();
        Manifests.serveContainer().path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** Variables referenced as {@code $(NAME)} in the args: Kubernetes substitutes them. */
    private static Set<String> argumentVariables() {
        Set<String> names = new TreeSet<>();
        for (String a : args()) {
            Matcher m = REFERENCE.matcher(a);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The PREWARM_* / QUARKUS_* names among these that are neither a known property nor an argument variable. */
    static Set<String> unknown(Set<String> variables, Set<String> argumentVariables) {
        Set<String> names = ConfigProperties.names();
        Set<String> unknown = new TreeSet<>();
        for (String v : variables) {
            if ((v.startsWith("PREWARM_") || v.startsWith("QUARKUS_")) && !argumentVariables.contains(v)
                    && !ConfigProperties.known(v, names)) {
                unknown.add(v);
            }
        }
        return unknown;
    }

    @Test
    void everyPrewarmVariableTheManifestsSetIsAConfigurationPropertyOrAServeArgument() {
        Map<String, String> env = environment();
        assertThat(env.keySet()).contains("PREWARM_GITLAB_TRIGGER_TOKEN", "PREWARM_EMERGENCY_TOKENS_ALERTMANAGER_SECRET");
        assertThat(unknown(env.keySet(), argumentVariables())).isEmpty();
    }

    @Test
    void misspelledOrRetiredVariablesAreReported() {
        Set<String> wrong = Set.of("PREWARM_EMERGENCY_TOKEN_OPS_SECRET", "PREWARM_GITLAB_TRIGGERTOKEN",
                "PREWARM_GITOPS_HTTP_TOKEN", "QUARKUS_HTTP_PORTT", "PREWARM_REPO");
        Set<String> right = Set.of("PREWARM_EMERGENCY_TOKENS_OPS_SECRET", "PREWARM_GITLAB_TRIGGER_TOKEN",
                "PREWARM_PROMETHEUS_RETRY_MAX_ATTEMPTS", "QUARKUS_HTTP_PORT", "PREWARM_API_TOKEN");
        Set<String> all = new TreeSet<>(wrong);
        all.addAll(right);
        assertThat(unknown(all, Set.of())).containsExactlyInAnyOrderElementsOf(wrong);
        assertThat(unknown(Set.of("PREWARM_REPO"), Set.of("PREWARM_REPO"))).isEmpty();
    }

    @Test
    void everyArgumentVariableIsDefinedByTheConfigMapAndUsedOnlyThere() {
        Set<String> referenced = argumentVariables();
        assertThat(referenced).contains("PREWARM_REPO");
        // Kubernetes leaves an undefined $(NAME) as is: serve would clone a repository called "$(PREWARM_REPO)"
        assertThat(Manifests.configLiterals().keySet()).containsAll(referenced);
        // and an argument variable must not also be a property name, or it would configure something by accident
        Set<String> names = ConfigProperties.names();
        assertThat(referenced).noneMatch(v -> ConfigProperties.known(v, names));
    }

    @Test
    void theManifestsVariablesConfigureTheMappingsServeReads() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment(), 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "30s", as the app reads it
                .withMapping(EmergencyConfig.class).withMapping(GitLabConfig.class)
                .withMapping(GitLabTriggerConfig.class).withMapping(GitConfig.class)
                .withMapping(GitOpsConfig.class).withMapping(PrometheusConfig.class)
                .build();
        EmergencyConfig emergency = config.getConfigMapping(EmergencyConfig.class);
        assertThat(emergency.tokens()).containsOnlyKeys("alertmanager", "operators");
        assertThat(emergency.tokens().get("alertmanager").actions()).containsExactly("alertmanager");
        assertThat(emergency.tokens().get("alertmanager").secret()).isEqualTo("secret-of-prewarm_emergency_tokens_alertmanager_secret");
        assertThat(emergency.tokens().get("operators").actions()).containsExactly("scale-up", "freeze", "unfreeze");
        assertThat(emergency.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getConfigMapping(GitLabTriggerConfig.class).triggerToken()).isPresent();
        assertThat(config.getConfigMapping(GitLabConfig.class).url()).contains("https://gitlab.example.com/api/v4");
        assertThat(config.getConfigMapping(GitLabConfig.class).project()).contains("platform/gitops");
        assertThat(config.getConfigMapping(GitConfig.class).authorName()).isEqualTo("prewarm-serve");
        assertThat(config.getConfigMapping(GitOpsConfig.class).httpsToken()).isPresent();
        assertThat(config.getConfigMapping(PrometheusConfig.class).bearerToken()).isPresent();
        assertThat(config.getOptionalValue("PREWARM_API_TOKEN", String.class)).isPresent();
    }

    @Test
    void serveArgumentsAreOptionsServeCommandAccepts() {
        List<String> args = args();
        assertThat(args.get(0)).isEqualTo("serve");
        Map<String, String> literals = Manifests.configLiterals();
        List<String> expanded = new ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            expanded.add(REFERENCE.matcher(a).replaceAll(m -> Matcher.quoteReplacement(literals.get(m.group(1)))));
        }
        CommandLine.ParseResult parsed = new CommandLine(ServeCommand.class).parseArgs(expanded.toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.commandSpec().name()).isEqualTo("serve");
        assertThat((Integer) parsed.matchedOptionValue("--port", 0)).isEqualTo(8080);
        assertThat((String) parsed.matchedOptionValue("--host", "")).isEqualTo("0.0.0.0");
        assertThat((String) parsed.matchedOptionValue("--repo", "")).isEqualTo(literals.get("PREWARM_REPO"));
        // serve's --metrics converts to an Optional (none: no Prometheus) of the source
        Object metrics = parsed.matchedOptionValue("--metrics", (Object) java.util.Optional.empty());
        assertThat(metrics).isInstanceOfSatisfying(java.util.Optional.class,
                m -> assertThat(m.orElseThrow().toString()).startsWith("http://"));
        int containerPort = Manifests.serveContainer().at("/ports/0/containerPort").asInt();
        assertThat(containerPort).isEqualTo(8080);
    }
}
