package io.prewarm.emergency;

import io.prewarm.common.ReasonCode;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.pipeline.Stages;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A freeze written by serve is honoured by the next plan run, until it expires. */
class FreezeThenPlanTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path tmp;

    final EmergencyService service = new EmergencyService();

    @AfterEach
    void stop() {
        service.stop();
    }

    static Stages demoStages() {
        Renderers renderers = new Renderers();
        return new Stages(new DemoMetricsSource(), new SmileForecaster(), new RulesPlanner(), renderers::forKind,
                (policy, from, to) -> HolidayCalendar.of(policy.holidays().country(),
                        Set.copyOf(policy.holidays().dates())).between(from, to), DemandStats::normalPeak,
                new AlertRulesRenderer()::render);
    }

    private ActionResult freeze(Duration ttl) throws Exception {
        Action a = new Action(Action.Kind.FREEZE, GitOpsRepo.CHECKOUT, "sre", "bad deploy", OptionalInt.empty(),
                Optional.empty(), OptionalInt.of(7), Optional.of(ttl), Optional.empty(), Optional.empty());
        return service.submit(a).answer().get();
    }

    private RunSummary plan(GitOpsRepo repo, Instant at) {
        List<ServicePolicy> checkout = GitOpsRepo.policies().stream()
                .filter(p -> p.key().equals(GitOpsRepo.CHECKOUT)).toList();
        try (JGitWorkspace ws = repo.open()) {
            return new PlanRun(demoStages()).run(checkout, ws, new PlanRun.Options(at, true, 1, false));
        }
    }

    @Test
    void aFrozenServiceStaysFrozenThroughAPlanRunAndThawsAtExpiry() throws Exception {
        GitOpsRepo repo = new GitOpsRepo(tmp);
        repo.start(service, new GitOpsRepo.MovableClock(NOW));
        ActionResult frozen = freeze(Duration.ofHours(1));
        assertThat(frozen.status()).isEqualTo("APPLIED");

        ServiceResult during = plan(repo, NOW.plus(Duration.ofMinutes(30))).services().get(0);
        assertThat(during.status()).isEqualTo(ServiceResult.Status.FROZEN);
        assertThat(during.reasons()).contains(ReasonCode.FROZEN);
        assertThat(during.message()).contains(frozen.id(), "7 instances");

        ServiceResult after = plan(repo, NOW.plus(Duration.ofHours(2))).services().get(0);
        assertThat(after.status()).isNotEqualTo(ServiceResult.Status.FROZEN);
        assertThat(after.reasons()).contains(ReasonCode.EMERGENCY_EXPIRED);
        assertThat(after.files()).contains("overrides/prod/checkout.json", "generated/prod/checkout/freeze.tf");
    }

    @Test
    void serveWritesTheConfiguredStateBackendIntoTheRootsItReRenders() throws Exception {
        GitOpsRepo repo = new GitOpsRepo(tmp);
        service.renderBackend(io.prewarm.render.TerraformBackend.S3);
        repo.start(service, new GitOpsRepo.MovableClock(NOW));

        assertThat(freeze(Duration.ofHours(1)).status()).isEqualTo("APPLIED");

        assertThat(repo.file("generated/prod/checkout/backend.tf")).get().asString()
                .contains("backend \"s3\"").contains("key = \"prewarm/prod-checkout.tfstate\"");
    }
}
