package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.MergeRequestSync;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge request embeds the backtest scorecard of each changed service's policy: the numbers the
 * source gives, for at most the configured number of services, and a failed backtest is named without
 * failing the run or losing the proposal.
 */
class PlanRunScorecardTest {
    static final Instant NOW = PlanRunMergeRequestTest.NOW;

    @TempDir
    Path tmp;
    Path remote;
    List<ServicePolicy> policies;
    final InMemoryMergeRequests forge = new InMemoryMergeRequests();
    final Set<ServiceKey> scored = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void repositoryAndTwoPolicies() throws Exception {
        remote = PlanRunMergeRequestTest.gitOpsRepository(tmp);
        Path dir = tmp.resolve("policies");
        Files.createDirectories(dir);
        Files.copy(Path.of("policies/checkout.yaml"), dir.resolve("checkout.yaml"));
        Files.copy(Path.of("policies/search.yaml"), dir.resolve("search.yaml"));
        policies = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(dir);
    }

    /** A scorecard whose numbers are derived from the service and the instant it was asked for. */
    private PolicyScorecard card(ServicePolicy p, Instant now) {
        scored.add(p.key());
        double base = p.key().service().value().length() * 100.0;
        return new PolicyScorecard(now.minusSeconds(7 * 86400), now, 7, List.of(
                new PolicyScorecard.Row("static", base * 2, OptionalDouble.of(base * 0.2), 0, 10080, 0, 0, 0),
                new PolicyScorecard.Row("reactive", base * 0.8, OptionalDouble.empty(), 50, 10080, 3, 200, 40),
                new PolicyScorecard.Row("prewarm", base * 1.2, OptionalDouble.empty(), 7, 10080, 1, 90, 4),
                new PolicyScorecard.Row("oracle", base, OptionalDouble.empty(), 0, 10080, 0, 80, 2)),
                "prewarm: 1.200x the oracle's instance-hours, -40.0% vs static peak, under-provisioned 0.07% of "
                        + "minutes (reactive only 0.50%) for " + p.key(),
                p.key().service().value().equals("search") ? List.of("what-if `headroom=0.4` for " + p.key()) : List.of());
    }

    private RunSummary run(PolicyScorecard.Source source, int max) {
        Renderers renderers = new Renderers();
        Stages stages = new Stages(new DemoMetricsSource(), new SmileForecaster(), new RulesPlanner(), renderers::forKind,
                (policy, from, to) -> HolidayCalendar.of(policy.holidays().country(),
                        Set.copyOf(policy.holidays().dates())).between(from, to),
                DemandStats::normalPeak, new AlertRulesRenderer()::render);
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", PlanRunMergeRequestTest.BOT)) {
            return new PlanRun(stages, ChurnControl.defaults(), Optional.of(new MergeRequestSync(forge)),
                    RunListener.NONE).withScorecards(source, max).run(policies, ws, new PlanRun.Options(NOW, false, 2, false));
        }
    }

    @Test
    void theMergeRequestShowsEachChangedServicesScorecardWithTheCommandThatReproducesIt() {
        RunSummary s = run(this::card, 10);
        assertThat(s.published()).isTrue();
        String d = forge.open.values().iterator().next().description();
        assertThat(scored).containsExactlyInAnyOrder(ServiceKey.of("prod", "checkout"), ServiceKey.of("prod", "search"));
        // checkout: "checkout".length() * 100 = 800 -> prewarm 960.0, oracle 800.0, static 1600.0
        assertThat(d).contains("**Backtest of this policy over the last 7 days**")
                .contains("`prewarm backtest --service prod/checkout --from 2026-11-21T00:00:00Z --to 2026-11-28T00:00:00Z`")
                .contains("| **prewarm** | 960.0 | – | 7 of 10080 (0.07%) | 1 | 90 | 4 |")
                .contains("| static | 1600.0 | 160.00 | 0 of 10080 (0.00%) | 0 | 0 | 0 |")
                .contains("prewarm: 1.200x the oracle's instance-hours, -40.0% vs static peak, under-provisioned 0.07% "
                        + "of minutes (reactive only 0.50%) for prod/checkout.");
        // search: 600 -> prewarm 720.0; each table sits in its own service's section
        int search = d.indexOf("### prod/search");
        assertThat(search).isPositive();
        assertThat(d.indexOf("| **prewarm** | 720.0 |")).isGreaterThan(search);
        assertThat(d.indexOf("| **prewarm** | 960.0 |")).isLessThan(search);
        // the suggested variants follow the verdict, as a list, in their service's section only
        assertThat(d.indexOf("\n- what-if `headroom=0.4` for prod/search.\n")).isGreaterThan(search);
        assertThat(d).doesNotContain("what-if `headroom=0.4` for prod/checkout");
    }

    @Test
    void onlyTheFirstChangedServicesAreReplayedAndTheOthersSaySo() {
        run(this::card, 1);
        String d = forge.open.values().iterator().next().description();
        assertThat(scored).containsExactly(ServiceKey.of("prod", "checkout"));
        assertThat(d).contains("--service prod/checkout")
                .contains("**Backtest:** not replayed: the run backtests at most 1 changed services.")
                .doesNotContain("--service prod/search");
    }

    @Test
    void aFailedBacktestIsNamedAndTheProposalStillLands() {
        RunSummary s = run((p, now) -> {
            if (p.key().service().value().equals("search")) {
                throw new IllegalStateException("reading history: connection refused");
            }
            return card(p, now);
        }, 10);
        assertThat(s.published()).isTrue();
        assertThat(s.failed()).isFalse();
        assertThat(s.services()).allMatch(r -> r.status() == ServiceResult.Status.UPDATED);
        String d = forge.open.values().iterator().next().description();
        assertThat(d).contains("--service prod/checkout")
                .contains("**Backtest:** backtest failed: reading history: connection refused.");
    }

    @Test
    void zeroTurnsScorecardsOff() {
        run(this::card, 0);
        assertThat(scored).isEmpty();
        assertThat(forge.open.values().iterator().next().description()).doesNotContain("Backtest");
    }
}
