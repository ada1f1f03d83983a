package io.prewarm.pipeline;

import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.MergeRequest;
import io.prewarm.gitops.MergeRequestSync;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" on the real stages (demo history, Smile, the rules planner, AWS Terraform), a real
 * bare repository and an in-memory forge: consecutive runs update one merge request, an unchanged run writes
 * nothing, a newer day's plan closes the older merge request.
 */
class PlanRunMergeRequestTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    @TempDir
    Path tmp;
    Path remote;
    List<ServicePolicy> policies;
    final InMemoryMergeRequests forge = new InMemoryMergeRequests();

    /** A bare GitOps repository under {@code tmp} whose {@code main} holds only a README. */
    static Path gitOpsRepository(Path tmp) throws Exception {
        Path remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return remote;
    }

    @BeforeEach
    void gitOpsRepositoryAndOnePolicy() throws Exception {
        remote = gitOpsRepository(tmp);
        Path dir = tmp.resolve("policies");
        Files.createDirectories(dir);
        Files.copy(Path.of("policies/checkout.yaml"), dir.resolve("checkout.yaml"));
        policies = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(dir);
    }

    /** The demo history with every sample multiplied: "different history". */
    record Scaled(MetricsSource inner, double factor) implements MetricsSource {
        @Override
        public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
            TimeSeries t = inner.demand(policy, window);
            double[] v = t.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
            return new TimeSeries(t.start(), t.step(), v);
        }

        @Override
        public String describe() {
            return inner.describe() + " x" + factor;
        }
    }

    private RunSummary run(Instant now, double historyFactor) {
        return run(now, historyFactor, ChurnControl.defaults());
    }

    private RunSummary run(Instant now, double historyFactor, ChurnControl churn) {
        Renderers renderers = new Renderers();
        Stages stages = new Stages(new Scaled(new DemoMetricsSource(), historyFactor), new SmileForecaster(),
                new RulesPlanner(), renderers::forKind,
                (policy, from, to) -> HolidayCalendar.of(policy.holidays().country(),
                        Set.copyOf(policy.holidays().dates())).between(from, to),
                DemandStats::normalPeak, new AlertRulesRenderer()::render);
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            return new PlanRun(stages, churn, Optional.of(new MergeRequestSync(forge)), RunListener.NONE)
                    .run(policies, ws, new PlanRun.Options(now, false, 1, false));
        }
    }

    private ObjectId head(String branch) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            Ref r = g.getRepository().exactRef("refs/heads/" + branch);
            return r == null ? null : r.getObjectId();
        }
    }

    @Test
    void consecutiveRunsUpdateOneMergeRequestAndAnUnchangedRunWritesNothing() throws Exception {
        RunSummary first = run(NOW, 1.0);
        assertThat(first.published()).isTrue();
        assertThat(forge.writes).containsExactly("create prewarm/plan-2026-11-28");
        MergeRequest mr = forge.open.get(1L);
        assertThat(mr.description()).contains("### prod/checkout").contains("```mermaid")
                .contains(first.commit().orElseThrow().substring(0, 12));

        RunSummary busier = run(NOW, 1.6);
        assertThat(busier.published()).isTrue();
        assertThat(forge.writes).containsExactly("create prewarm/plan-2026-11-28", "update !1");
        assertThat(forge.open).hasSize(1);
        assertThat(forge.open.get(1L).description()).contains(busier.commit().orElseThrow().substring(0, 12));

        ObjectId tip = head("prewarm/plan-2026-11-28");
        RunSummary again = run(NOW, 1.6);
        assertThat(again.published()).isFalse();
        assertThat(head("prewarm/plan-2026-11-28")).isEqualTo(tip);
        assertThat(forge.writes).as("no API write for an unchanged run").hasSize(2);
    }

    @Test
    void aMergeRequestFailureAfterThePushIsReportedWithBranchAndCommitAndTheNextRunOpensIt() throws Exception {
        forge.failCreate = new io.prewarm.gitops.GitOpsException("opening merge request for prewarm/plan-2026-11-28: "
                + "gitlab answered 503: upstream unavailable (after 4 attempts)");
        RunSummary failed = run(NOW, 1.0);
        assertThat(failed.error()).contains("opening merge request for prewarm/plan-2026-11-28: gitlab answered 503: "
                + "upstream unavailable (after 4 attempts)");
        assertThat(failed.status()).isEqualTo(RunSummary.Status.FAILED);
        assertThat(failed.published()).isTrue();
        assertThat(failed.commit()).contains(head("prewarm/plan-2026-11-28").name());
        assertThat(forge.open).isEmpty();

        forge.failCreate = null;
        RunSummary again = run(NOW, 1.0);
        assertThat(again.error()).isEmpty();
        assertThat(again.published()).as("no new commit").isFalse();
        assertThat(again.commit()).isEqualTo(failed.commit());
        assertThat(forge.open.values()).extracting(MergeRequest::sourceBranch).containsExactly("prewarm/plan-2026-11-28");
    }

    @Test
    void aFailureWithoutTheMergeRequestWordsIsNamedAsTheMergeRequestStep() {
        assertThat(PlanRun.mergeRequestError(new IllegalStateException("computing scorecards: boom")))
                .isEqualTo("opening merge request: computing scorecards: boom");
        assertThat(PlanRun.mergeRequestError(new IllegalStateException("opening merge request for b: 401")))
                .isEqualTo("opening merge request for b: 401");
    }

    @Test
    void theNextDaysPlanClosesYesterdaysMergeRequestWithANote() {
        run(NOW, 1.0);
        run(NOW.plus(Duration.ofDays(1)), 1.6);
        assertThat(forge.open.values()).extracting(MergeRequest::sourceBranch).containsExactly("prewarm/plan-2026-11-29");
        assertThat(forge.closedWithNote.get(1L)).startsWith("Superseded by !2 (`prewarm/plan-2026-11-29`)");
    }

    @Test
    void afterTheMergeASlightlyDifferentPlanIsHeldBackByChurnControl() throws Exception {
        RunSummary first = run(NOW, 1.0);
        try (Git g = Git.open(remote.toFile())) { // reviewers merge: main now holds the plan
            var u = g.getRepository().updateRef("refs/heads/main");
            u.setNewObjectId(ObjectId.fromString(first.commit().orElseThrow()));
            u.forceUpdate();
        }
        ObjectId proposed = head("prewarm/plan-2026-11-28");
        // 4% less demand moves the rules planner's schedule by up to 13% of the peak in some window and sets no new
        // peak; a 20% threshold holds that back, the default 10% would propose it. (At 2% and 3% less the refitted
        // plan peaks at 24 instances instead of 23, and a new peak is always proposed.)
        RunSummary quieter = run(NOW, 0.96, new ChurnControl(20));
        ServiceResult checkout = quieter.services().get(0);
        assertThat(checkout.status()).as(checkout.message() + " " + checkout.files()).isEqualTo(ServiceResult.Status.NO_CHANGE);
        assertThat(checkout.message()).startsWith("below churn threshold: capacity changes by at most 13.0%");
        assertThat(quieter.commit()).isEmpty();
        assertThat(head("prewarm/plan-2026-11-28")).isEqualTo(proposed);
        assertThat(forge.writes).containsExactly("create prewarm/plan-2026-11-28");
    }
}
