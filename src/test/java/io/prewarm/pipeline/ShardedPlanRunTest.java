package io.prewarm.pipeline;

import io.prewarm.bench.SyntheticFleet;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.render.Renderers;
import io.prewarm.render.prometheus.AlertRulesRenderer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan --shard i/n} end to end: every shard of a fleet, run as its own plan against the same
 * repository, commits on its own branch exactly the files of its own services, no two shards touch the
 * same file, and together they hold byte for byte what one unsharded run commits. So the shard
 * branches merge into one merge request without conflicts, or stand as one merge request each.
 */
class ShardedPlanRunTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final int SERVICES = 15;
    static final int SHARDS = 3;

    @TempDir
    Path tmp;

    /** Synthetic history of the fleet benchmark's services, by service name. */
    record FleetHistory(SyntheticFleet fleet) implements MetricsSource {
        @Override
        public TimeSeries demand(ServicePolicy policy, TimeWindow window) {
            int index = Integer.parseInt(policy.key().service().value().substring("svc-".length()));
            int points = (int) (java.time.Duration.between(window.start(), window.end()).getSeconds()
                    / window.step().getSeconds());
            return new TimeSeries(window.start(), window.step(),
                    fleet.service(index).demand(window.start(), window.step(), points));
        }

        @Override
        public String describe() {
            return "synthetic fleet";
        }
    }

    @Test
    void shardsCommitDisjointFilesThatTogetherEqualTheUnshardedRun() throws Exception {
        Path remote = emptyRemote();
        List<ServicePolicy> policies = fleetPolicies();
        RunSummary whole = run(remote, policies, Shard.ALL);
        assertThat(whole.failed()).isFalse();
        Map<String, ObjectId> all = changedFiles(remote, "prewarm/plan-2026-11-23");
        assertThat(all).isNotEmpty();

        Map<String, ObjectId> union = new TreeMap<>();
        Set<ServiceKey> planned = new HashSet<>();
        for (int i = 1; i <= SHARDS; i++) {
            Shard shard = new Shard(i, SHARDS);
            RunSummary part = run(remote, policies, shard);
            assertThat(part.branch()).isEqualTo("prewarm/plan-2026-11-23-shard-" + i + "-of-" + SHARDS);
            List<ServiceKey> mine = part.services().stream().map(ServiceResult::key).toList();
            assertThat(mine).as("shard %s plans exactly its services", shard).isNotEmpty().allMatch(shard::contains)
                    .hasSize((int) policies.stream().filter(p -> shard.contains(p.key())).count());
            mine.forEach(k -> assertThat(planned.add(k)).as("%s planned by two shards", k).isTrue());
            Map<String, ObjectId> files = changedFiles(remote, part.branch());
            assertThat(files).as("shard %s changes something", shard).isNotEmpty();
            for (Map.Entry<String, ObjectId> f : files.entrySet()) {
                assertThat(union.put(f.getKey(), f.getValue())).as("%s written by two shards", f.getKey()).isNull();
                assertThat(mine).as("%s belongs to a service of shard %s", f.getKey(), shard)
                        .anyMatch(k -> f.getKey().contains("/" + k.path() + "/") || f.getKey().contains("/" + k.path() + "."));
            }
        }
        assertThat(planned).hasSize(policies.size());
        // byte for byte, except that each plan file records the branch that proposed it (the shard's own)
        assertThat(normalized(remote, union)).as("the shards together commit what one run commits")
                .isEqualTo(normalized(remote, all));
        // merge-shards onto the branch the unsharded run pushed: the same tree on the same base, so nothing to push
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            RunSummary merged = new ShardMerge(Optional.empty()).run(ws,
                    new ShardMerge.Options(java.time.LocalDate.parse("2026-11-23"), SHARDS, false));
            assertThat(merged.published()).as("merged shards are byte for byte the unsharded run's tree").isFalse();
            assertThat(merged.commit()).isEqualTo(whole.commit());
            assertThat(merged.services()).hasSize(policies.size());
        }
    }

    /** Each file's blob id; plan files by their text with the shard suffix of the recorded branch removed. */
    private static Map<String, String> normalized(Path remote, Map<String, ObjectId> files) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Git g = Git.open(remote.toFile())) {
            for (Map.Entry<String, ObjectId> f : files.entrySet()) {
                if (f.getKey().endsWith("/" + PlanFile.NAME)) {
                    String text = new String(g.getRepository().open(f.getValue()).getBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(text).contains("\"branch\" : \"prewarm/plan-2026-11-23");
                    out.put(f.getKey(), text.replaceAll("-shard-\\d+-of-\\d+\"", "\""));
                } else {
                    out.put(f.getKey(), f.getValue().name());
                }
            }
        }
        return out;
    }

    private RunSummary run(Path remote, List<ServicePolicy> policies, Shard shard) {
        Renderers renderers = new Renderers();
        Stages stages = new Stages(new FleetHistory(new SyntheticFleet(11)), new SmileForecaster(), new RulesPlanner(),
                renderers::forKind, (policy, from, to) -> HolidayCalendar.of(policy.holidays().country(),
                Set.copyOf(policy.holidays().dates())).between(from, to),
                DemandStats::normalPeak, new AlertRulesRenderer()::render);
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            return new PlanRun(stages, ChurnControl.defaults(), Optional.empty(), RunListener.NONE)
                    .run(policies, ws, new PlanRun.Options(NOW, false, 2, false, shard, false));
        }
    }

    private List<ServicePolicy> fleetPolicies() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("policies"));
        SyntheticFleet fleet = new SyntheticFleet(11);
        for (int i = 0; i < SERVICES; i++) {
            SyntheticFleet.Service s = fleet.service(i);
            Files.writeString(dir.resolve(s.name() + ".yaml"), SyntheticFleet.policyYaml(s));
        }
        return new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(dir);
    }

    private Path emptyRemote() throws Exception {
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

    /** Files whose content on {@code branch} differs from {@code main}, with their blob ids. */
    private static Map<String, ObjectId> changedFiles(Path remote, String branch) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            Map<String, ObjectId> base = files(g.getRepository(), "main");
            Map<String, ObjectId> out = new TreeMap<>(files(g.getRepository(), branch));
            out.entrySet().removeIf(e -> e.getValue().equals(base.get(e.getKey())));
            return out;
        }
    }

    private static Map<String, ObjectId> files(Repository repo, String branch) throws Exception {
        Map<String, ObjectId> out = new HashMap<>();
        ObjectId head = repo.resolve("refs/heads/" + branch);
        assertThat(head).as("branch %s exists", branch).isNotNull();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(head).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), tw.getObjectId(0));
            }
        }
        return out;
    }
}
