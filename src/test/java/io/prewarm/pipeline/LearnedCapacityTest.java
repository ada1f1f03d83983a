package io.prewarm.pipeline;

import io.prewarm.cli.Wiring;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.DemoHistory;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.policy.PolicyException;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without capacity.perInstance, plan learns it from instance count and latency history. */
class LearnedCapacityTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final Instant NOW = DemoHistory.END;
    static final double TRUE_CAPACITY = 50;

    @TempDir
    Path tmp;

    private static final String POLICY = """
            service: checkout
            environment: prod
            timezone: America/New_York
            target: {type: aws-asg, name: checkout-prod}
            demand:
              query: sum(rate(http_requests_total{service="checkout"}[5m]))
              instanceQuery: count(up{job="checkout"} == 1)
            capacity: {min: 2, max: 80}
            indicators:
              latencyP95: {query: 'histogram_quantile(0.95, sum by (le) (rate(latency_bucket[5m])))', objective: 0.3}
            """;

    /** Demand from the demo; a fleet that ran each instance at 50 rps while healthy, and 80 rps while slow. */
    static final class FleetHistory implements MetricsSource {
        final MetricsSource demo = new Wiring().stages(new io.prewarm.cli.MetricsSpec.Demo()).metrics();

        @Override
        public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
            return demo.demand(policy, window);
        }

        @Override
        public TimeSeries series(ServicePolicy policy, String query, TimeWindow window) {
            double[] d = demand(policy, window).values();
            double[] out = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                boolean overloaded = i % 10 == 0;
                double instances = Math.max(1, Math.round(d[i] / (overloaded ? 80 : TRUE_CAPACITY)));
                if (query.startsWith("count")) {
                    out[i] = Double.isNaN(d[i]) ? Double.NaN : instances;
                } else {
                    out[i] = overloaded ? 0.9 : 0.12;
                }
            }
            return new TimeSeries(window.start(), window.step(), out);
        }

        @Override
        public String describe() {
            return "fleet-fixture";
        }
    }

    @Test
    void capacityPerInstanceIsLearnedFromHealthySamplesWithTheEvidenceInThePlan() throws Exception {
        Path policies = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(policies.resolve("checkout.yaml"), POLICY);
        List<ServicePolicy> loaded = new PolicyLoader(Set.of("US")).loadAll(policies);
        Path remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(tmp.resolve("seed").toFile()).call()) {
            Files.writeString(tmp.resolve("seed/README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        Stages demo = new Wiring().stages(new io.prewarm.cli.MetricsSpec.Demo());
        Stages stages = new Stages(new FleetHistory(), demo.forecaster(), demo.planner(), demo.renderers(),
                demo.holidays(), demo.normalPeak(), demo.alertRules());
        RunSummary summary;
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            summary = new PlanRun(stages).run(loaded, ws, new PlanRun.Options(NOW, true, 1, false));
        }
        ServiceResult r = summary.services().get(0);
        assertThat(r.key()).isEqualTo(ServiceKey.of("prod", "checkout"));
        assertThat(r.status()).as(r.message()).isEqualTo(ServiceResult.Status.UPDATED);
        CapacityPlan plan = r.plan().orElseThrow();
        // the overloaded samples (slow, 80 rps per instance) are excluded; rounding the fleet spreads the rest
        assertThat(plan.limits().perInstance()).isBetween(TRUE_CAPACITY * 0.95, TRUE_CAPACITY * 1.15);
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("capacity per instance learned from history"));
    }

    @Test
    void withoutBothQueriesThePolicyMustGiveTheCapacity() throws Exception {
        Path policies = Files.createDirectories(tmp.resolve("p2"));
        Path file = policies.resolve("checkout.yaml");
        Files.writeString(file, POLICY.replace("  instanceQuery: count(up{job=\"checkout\"} == 1)\n", ""));
        assertThatThrownBy(() -> new PolicyLoader(Set.of("US")).loadAll(policies))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems().get(0).toString())
                        .startsWith(file + ": capacity.perInstance: is required unless demand.instanceQuery and "
                                + "indicators.latencyP95 are given"));
    }
}
