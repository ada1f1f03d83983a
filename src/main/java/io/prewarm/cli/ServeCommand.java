package io.prewarm.cli;

import io.prewarm.console.ConsoleSources;
import io.prewarm.emergency.EmergencyConfig;
import io.prewarm.emergency.EmergencyService;
import io.prewarm.emergency.Guard;
import io.prewarm.emergency.InstanceCounter;
import io.prewarm.telemetry.Telemetry;
import io.prewarm.gitops.PipelineTrigger;
import io.prewarm.gitops.gitlab.GitLabPipelineTrigger;
import io.prewarm.gitops.gitlab.GitLabTriggerConfig;
import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.gitlab.GitLabConfig;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.metrics.prometheus.PrometheusMetricsSource;
import io.prewarm.metrics.prometheus.PrometheusSourceFactory;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.prewarm.render.TerraformConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** Runs the HTTP service: health, readiness, /metrics, the emergency webhook and the operator console. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the HTTP service (health, /metrics, emergency webhook) until stopped.")
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--repo", paramLabel = "PATH_OR_URL",
            description = "GitOps repository emergency actions are committed to (default: the repository the command runs in).")
    String repo;

    @Option(names = "--base-branch", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch CI applies; emergency commits go straight to it (default: ${DEFAULT-VALUE}).")
    String baseBranch;

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Folder of policy files: the services actions may touch (default: ${DEFAULT-VALUE}).")
    Path policies;

    @Option(names = "--metrics", paramLabel = "none|URL", defaultValue = "none", converter = MetricsSpec.OrNone.class,
            description = "Prometheus base URL for current instance counts (policy instanceQuery) and the console's "
                    + "demand charts, 'demo' (bundled history for the charts, requests give counts) or 'none' "
                    + "(default: ${DEFAULT-VALUE}).")
    Optional<MetricsSpec> metrics;

    @Inject
    GitConfig git;

    // the same credentials as plan: an HTTPS token (or the GitLab token) or an SSH key, for fetch and push
    @Inject
    GitOpsConfig gitops;

    @Inject
    GitLabConfig gitlab;

    @Inject
    EmergencyConfig emergency;

    @Inject
    EmergencyService service;

    @Inject
    Guard guard;

    @Inject
    PrometheusSourceFactory prometheus;

    @Inject
    GitLabTriggerConfig gitlabTrigger;

    @Inject
    Telemetry telemetry;

    @Inject
    ConsoleSources console;

    @Inject
    TerraformConfig terraform;

    @Override
    public Integer call() {
        checkTokens(guard);
        List<ServicePolicy> loaded = PolicyOptions.load(policies);
        String target;
        try {
            target = Workspaces.target(repo);
        } catch (RuntimeException e) {
            service.failed(e.getMessage()); // the webhook's 503 says why until serve exits
            throw e;
        }
        Optional<PrometheusMetricsSource> source = prometheusSource();
        InstanceCounter counter = counter(source);
        Optional<MetricsSource> demand = metrics.filter(MetricsSpec.Demo.class::isInstance).isPresent()
                ? Optional.of(new DemoMetricsSource()) : source.map(MetricsSource.class::cast);
        console.configure(demand, source.isPresent(), gitlabWebProject(ConfigProvider.getConfig()));
        PipelineTrigger trigger = trigger(ConfigProvider.getConfig(), gitlabTrigger.triggerToken());
        service.starting(); // until started, the webhook answers 503 "still cloning and reading the repository"
        JGitWorkspace ws;
        try {
            ws = Workspaces.open(target, baseBranch, git, gitops, gitlab)
                    .onPushRetry(telemetry.metrics()::gitPushRetried); // telemetry: prewarm_git_push_retries_total
        } catch (RuntimeException e) {
            service.failed(e.getMessage()); // redacted by GitOpsException
            throw e;
        }
        service.renderBackend(Wiring.backend(terraform)); // the same backend.tf as plan writes
        service.reportTo(telemetry.emergency()); // telemetry: requests, audit lines, active overrides
        service.groupCommitMax(emergency.groupCommitMax());
        service.start(ws, baseBranch, loaded, counter, trigger, Clock.systemUTC(), EmergencyService.randomIds(),
                emergency.pushAttempts(), emergency.refreshInterval().toSeconds());
        Log.infof("serving on http://%s:%d (console /console, emergency /v1, health /q/health, metrics /metrics) repo=%s services=%d",
                host, port, ws.describe(), loaded.size());
        Quarkus.waitForExit();
        return 0;
    }

    /** Fails with exit code 2 on a token that is too short, naming the property (never the value). */
    static void checkTokens(Guard guard) {
        try {
            guard.checkTokens();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    throw new InvalidInputException(t.getMessage());
                }
            }
            throw e;
        }
    }

    private Optional<PrometheusMetricsSource> prometheusSource() {
        return metrics.filter(MetricsSpec.Url.class::isInstance)
                .map(u -> prometheus.open(((MetricsSpec.Url) u).uri()));
    }

    private static InstanceCounter counter(Optional<PrometheusMetricsSource> prometheusSource) {
        if (prometheusSource.isEmpty()) {
            return InstanceCounter.none();
        }
        PrometheusMetricsSource source = prometheusSource.get();
        return p -> {
            var v = source.currentInstances(p);
            return v.isPresent() && Double.isFinite(v.getAsDouble())
                    ? OptionalInt.of((int) Math.round(v.getAsDouble())) : OptionalInt.empty();
        };
    }

    /**
     * The GitOps project's web address for the console's merge request links: {@code prewarm.gitlab.url} (the
     * API v4 base) without {@code /api/v4}, plus {@code prewarm.gitlab.project} when it is a path (a numeric
     * id has no stable web address to link).
     */
    static Optional<String> gitlabWebProject(Config config) {
        Optional<String> url = config.getOptionalValue("prewarm.gitlab.url", String.class);
        Optional<String> project = config.getOptionalValue("prewarm.gitlab.project", String.class);
        if (url.isEmpty() || project.isEmpty() || !project.get().contains("/")) {
            return Optional.empty();
        }
        String base = url.get().replaceAll("/+$", "").replaceAll("/api/v4$", "");
        return Optional.of(base + "/" + project.get().strip());
    }

    /** GitLab's pipeline trigger when {@code prewarm.gitlab.url}, {@code .project} and {@code .trigger-token} are set. */
    static PipelineTrigger trigger(Config config, Optional<String> token) {
        Optional<String> url = config.getOptionalValue("prewarm.gitlab.url", String.class);
        Optional<String> project = config.getOptionalValue("prewarm.gitlab.project", String.class);
        if (url.isEmpty() || project.isEmpty() || token.isEmpty()) {
            return PipelineTrigger.none("GitLab is not configured (prewarm.gitlab.url, prewarm.gitlab.project, "
                    + "prewarm.gitlab.trigger-token): no pipeline triggered, the next scheduled apply picks the change up");
        }
        return new GitLabPipelineTrigger(URI.create(url.get()), project.get(), token.get(), Duration.ofSeconds(5));
    }

    /**
     * The HTTP listener is configured at startup, before picocli runs: when the command is
     * {@code serve}, turn it on and take {@code --port}/{@code --host} from the raw arguments.
     */
    static void prepareHttp(String[] args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            return;
        }
        System.setProperty("quarkus.http.host-enabled", "true");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--port") || a.equals("--host")) && i + 1 < args.length) {
                System.setProperty(a.equals("--port") ? "quarkus.http.port" : "quarkus.http.host", args[i + 1]);
            } else if (a.startsWith("--port=")) {
                System.setProperty("quarkus.http.port", a.substring("--port=".length()));
            } else if (a.startsWith("--host=")) {
                System.setProperty("quarkus.http.host", a.substring("--host=".length()));
            }
        }
    }
}
