package io.prewarm.cli;

import io.prewarm.backtest.DemandTrace;
import io.prewarm.backtest.Replay;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.CsvDirectoryMetricsSource;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.prewarm.pipeline.PlanFile;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.plan.ServicePlanning;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtest scores what {@code plan} ships: at a replayed epoch, the replay's plan renders, byte for byte,
 * the {@code prewarm-plan.json}, Terraform and alert rules that {@code plan --now <epoch>} commits for the
 * same service, on the demo history and on two real traces (slices of NYC taxi and NASA HTTP, under
 * {@code src/test/resources/traces}; both have US holidays in the training window).
 */
@QuarkusMainTest
class BacktestPlansWhatPlanShipsTest {
    static final PersonIdent ME = new PersonIdent("sre", "sre@example.org");

    @TempDir
    Path tmp;
    Path remote;

    @BeforeEach
    void gitOpsRepository() throws Exception {
        remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(ME).setCommitter(ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    @Test
    void onTheDemoTheReplayedPlanOfAnEpochIsWhatPlanNowCommits(QuarkusMainLauncher launcher) throws Exception {
        assertReplayMatchesPlan(launcher, Path.of("policies"), "demo", new DemoMetricsSource(),
                Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"), 5);
    }

    @Test
    void onTheTaxiAndNasaTracesTheReplayedPlanOfAnEpochIsWhatPlanNowCommits(QuarkusMainLauncher launcher)
            throws Exception {
        Path history = tmp.resolve("history");
        copy("history/prod/taxi.csv", history.resolve("prod/taxi.csv"));
        copy("history/prod/nasa.csv", history.resolve("prod/nasa.csv"));
        // taxi: Labor Day in the training, an extra date in the horizon; nasa: July 4 and the data gap of August
        Path taxi = copy("policies/taxi.yaml", tmp.resolve("taxi/taxi.yaml")).getParent();
        assertReplayMatchesPlan(launcher, taxi, "file:" + history, new CsvDirectoryMetricsSource(history),
                Instant.parse("2014-09-03T00:00:00Z"), Instant.parse("2014-09-01T00:00:00Z"), 1);
        Path nasa = copy("policies/nasa.yaml", tmp.resolve("nasa/nasa.yaml")).getParent();
        assertReplayMatchesPlan(launcher, nasa, "file:" + history, new CsvDirectoryMetricsSource(history),
                Instant.parse("1995-08-04T00:00:00Z"), Instant.parse("1995-08-01T00:00:00Z"), 1);
    }

    private Path copy(String resource, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream("/traces/" + resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    /**
     * Runs {@code plan --now epoch} into the repository, and the replay that {@code prewarm backtest --from from}
     * runs, then compares each service's committed folder with the replay's plan at {@code epoch} rendered.
     */
    private void assertReplayMatchesPlan(QuarkusMainLauncher launcher, Path policies, String metrics,
                                         MetricsSource source, Instant epoch, Instant from, int services)
            throws Exception {
        List<ServicePolicy> loaded = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(policies);
        assertThat(loaded).hasSize(services);
        String branch = PlanRun.branch(epoch);
        LaunchResult r = launcher.launch("plan", "--repo", remote.toString(), "--policies", policies.toString(),
                "--metrics", metrics, "--now", epoch.toString(), "--scorecards", "0", "--no-merge-request");
        assertThat(r.exitCode()).as(r.getOutput() + r.getErrorOutput()).isZero();
        Replay replay = new Replay(new SmileForecaster(), new RulesPlanner());
        for (ServicePolicy p : loaded) {
            // as prewarm backtest --from <from> loads it: the training before from, then the replayed days
            Replay.Spec spec = new Replay.Spec(from, epoch.plus(Duration.ofDays(2)), p.demand().history(),
                    Duration.ofDays(1), DemandTrace.Shape.LINEAR);
            TimeSeries history = source.demand(p, new TimeWindow(spec.historyStart(), spec.to(), p.demand().step()));
            ServicePlanning.Planned planned = replay.planAt(p, history, epoch, spec.training());
            Map<String, String> expected = new TreeMap<>(new Renderers().forKind(p.target().kind())
                    .render(planned.plan()).files());
            expected.put(PlanFile.path(p.key()), PlanFile.write(planned.plan(), planned.forecast(),
                    new PlanFile.Run(epoch, branch)));
            new AlertRulesRenderer().render(planned.plan()).files().forEach((path, text) -> {
                if (text.lines().anyMatch(l -> l.strip().startsWith("- alert:"))) {
                    expected.put(path, text);
                }
            });
            Map<String, String> committed = committed(branch, "generated/" + p.key().path() + "/",
                    "generated/prometheus/" + p.key().path() + ".");
            assertThat(committed).as(p.key().toString()).containsOnlyKeys(expected.keySet());
            expected.forEach((path, text) -> assertThat(committed.get(path)).as(path).isEqualTo(text));
        }
    }

    /** The files under any of {@code prefixes} on {@code branch}. */
    private Map<String, String> committed(String branch, String... prefixes) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Git g = Git.open(remote.toFile()); TreeWalk tw = new TreeWalk(g.getRepository())) {
            Repository repo = g.getRepository();
            RevCommit c = repo.parseCommit(repo.exactRef("refs/heads/" + branch).getObjectId());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if (List.of(prefixes).stream().anyMatch(path::startsWith)) {
                    out.put(path, new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
