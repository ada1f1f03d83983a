package io.prewarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: the real CLI on the bundled demo history, into a real bare repository on disk. */
@QuarkusMainTest
class PlanCommandTest {
    static final String NOW = "2026-11-28T00:00:00Z";
    static final String BRANCH = "prewarm/plan-2026-11-28";
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

    private Ref ref(String branch) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            return g.getRepository().exactRef("refs/heads/" + branch);
        }
    }

    private List<String> files(String branch) throws Exception {
        List<String> out = new ArrayList<>();
        try (Git g = Git.open(remote.toFile()); TreeWalk tw = new TreeWalk(g.getRepository())) {
            RevCommit c = g.getRepository().parseCommit(ref(branch).getObjectId());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        }
        return out;
    }

    private String file(String branch, String path) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            RevCommit c = g.getRepository().parseCommit(ref(branch).getObjectId());
            try (TreeWalk tw = TreeWalk.forPath(g.getRepository(), path, c.getTree())) {
                return new String(g.getRepository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * The summary object on stdout. In tests Quarkus captures log lines with the output, so the JSON is
     * found by its opening brace; the packaged command writes logs to stderr only.
     */
    private static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        int start = out.indexOf("\n{");
        return new ObjectMapper().readTree(out.startsWith("{") ? out : out.substring(start + 1));
    }

    private static JsonNode service(JsonNode summary, String name) {
        for (JsonNode s : summary.get("services")) {
            if (s.get("service").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + summary);
    }

    private LaunchResult plan(QuarkusMainLauncher launcher, String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", "--repo", remote.toString(), "--now", NOW));
        if (!List.of(extra).contains("--scorecards")) {
            args.addAll(List.of("--scorecards", "0")); // a backtest per service; one test below covers it
        }
        args.addAll(List.of(extra));
        return launcher.launch(args.toArray(String[]::new));
    }

    @Test
    void planOnTheDemoProposesABranchWithTerraformForEveryService(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = plan(launcher, "--output", "json");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        JsonNode summary = json(r);
        assertThat(summary.get("status").asText()).isEqualTo("UPDATED");
        assertThat(summary.get("branch").asText()).isEqualTo(BRANCH);
        String commit = summary.get("commit").asText();
        assertThat(ref(BRANCH).getObjectId().name()).isEqualTo(commit);
        assertThat(ref("main").getObjectId().name()).isNotEqualTo(commit);
        assertThat(summary.get("services")).hasSize(5);
        for (JsonNode s : summary.get("services")) {
            assertThat(s.get("status").asText()).isEqualTo("UPDATED");
            assertThat(s.get("reasons")).isNotEmpty();
            assertThat(s.get("files")).isNotEmpty();
        }
        assertThat(files(BRANCH)).contains("README.md", "generated/prod/checkout/main.tf",
                "generated/prod/search/main.tf", "generated/staging/reports/main.tf", "generated/prod/catalog/main.tf",
                "generated/prod/billing/main.tf", "generated/prod/checkout/prewarm-plan.json",
                "generated/prometheus/prod/checkout.rules.yml");
        assertThat(file(BRANCH, "generated/prod/checkout/main.tf")).contains("resource \"aws_autoscaling_schedule\"")
                .contains("time_zone").contains("America/New_York");
        // prewarm.terraform.backend's default: GitLab-managed state, one state per root
        assertThat(file(BRANCH, "generated/staging/reports/backend.tf")).contains("backend \"http\" {}")
                .contains("State staging-reports");
    }

    @Test
    void theMergeRequestShowsTheBacktestThatTheBacktestCommandPrints(QuarkusMainLauncher launcher) throws Exception {
        Path policies = tmp.resolve("one-policy");
        Files.createDirectories(policies);
        Files.copy(Path.of("policies/search.yaml"), policies.resolve("search.yaml"));
        LaunchResult r = plan(launcher, "--policies", policies.toString(), "--scorecards", "1");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        String out = r.getOutput();
        assertThat(out).contains("`prewarm backtest --service prod/search --from 2026-11-21T00:00:00Z "
                + "--to 2026-11-28T00:00:00Z` and the same `--metrics`");

        LaunchResult b = launcher.launch("backtest", "--policies", policies.toString(), "--output", "json");
        assertThat(b.exitCode()).as(b.getErrorOutput()).isZero();
        String bo = b.getOutput();
        JsonNode svc = new ObjectMapper().readTree(bo.startsWith("{") ? bo : bo.substring(bo.indexOf("\n{") + 1))
                .get("services").get(0);
        for (String s : new String[] {"static", "reactive", "scheduled", "prewarm", "oracle"}) {
            JsonNode card = svc.get("strategies").get(s);
            String row = String.format(java.util.Locale.ROOT, "| %s | %.1f | – | %d of %d (", s.equals("prewarm")
                            ? "**prewarm**" : s, card.get("instanceHours").asDouble(),
                    card.get("underProvisionedMinutes").asInt(), card.get("totalMinutes").asInt());
            assertThat(out).as(s).contains(row);
        }
        LaunchResult text = launcher.launch("backtest", "--policies", policies.toString());
        assertThat(text.exitCode()).as(text.getErrorOutput()).isZero();
        String verdict = text.getOutput().lines().map(String::strip).filter(l -> l.startsWith("prewarm: "))
                .findFirst().orElseThrow();
        assertThat(out).as("the merge request's verdict is the command's").contains(verdict + ".");
    }

    @Test
    void aSecondIdenticalRunMakesNoCommitAndSaysNoChange(QuarkusMainLauncher launcher) throws Exception {
        assertThat(plan(launcher).exitCode()).isZero();
        String first = ref(BRANCH).getObjectId().name();
        LaunchResult again = plan(launcher, "--output", "json");
        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        JsonNode summary = json(again);
        assertThat(summary.get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(summary.get("published").asBoolean()).isFalse();
        for (JsonNode s : summary.get("services")) {
            assertThat(s.get("status").asText()).isEqualTo("NO_CHANGE");
        }
        assertThat(ref(BRANCH).getObjectId().name()).isEqualTo(first);
    }

    @Test
    void anInvalidPolicyExitsTwoNamesFileAndFieldAndCommitsNothing(QuarkusMainLauncher launcher) throws Exception {
        Path policies = tmp.resolve("policies");
        Files.createDirectories(policies);
        Files.copy(Path.of("policies/checkout.yaml"), policies.resolve("checkout.yaml"));
        Path broken = policies.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of("policies/search.yaml"))
                .replace("max: 80", "max: 80\n  headroom: 9"));
        LaunchResult r = plan(launcher, "--policies", policies.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains(broken + ": capacity.headroom: 9 is out of range [0, 5]");
        assertThat(ref(BRANCH)).isNull();
    }

    @Test
    void aDryRunPrintsTheDiffAndCommitsNothing(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = plan(launcher, "--dry-run");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        assertThat(r.getOutput()).contains("+++ b/generated/prod/checkout/main.tf").contains("dry run, nothing committed");
        assertThat(ref(BRANCH)).isNull();
    }

    @Test
    void aServiceWithoutHistoryFailsAloneAndTheOthersAreCommitted(QuarkusMainLauncher launcher) throws Exception {
        Path policies = tmp.resolve("policies2");
        Files.createDirectories(policies);
        Files.copy(Path.of("policies/checkout.yaml"), policies.resolve("checkout.yaml"));
        Files.writeString(policies.resolve("ghost.yaml"), Files.readString(Path.of("policies/checkout.yaml"))
                .replace("service: checkout", "service: ghost"));
        LaunchResult r = plan(launcher, "--policies", policies.toString(), "--output", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode summary = json(r);
        JsonNode ghost = service(summary, "ghost");
        assertThat(ghost.get("service").asText()).isEqualTo("ghost");
        assertThat(ghost.get("status").asText()).isEqualTo("FAILED");
        assertThat(ghost.get("message").asText()).contains("service=prod/ghost");
        assertThat(files(BRANCH)).contains("generated/prod/checkout/main.tf")
                .noneMatch(f -> f.startsWith("generated/prod/ghost/"));
    }

    @Test
    void aFrozenServiceGetsNoNewPlan(QuarkusMainLauncher launcher) throws Exception {
        Path seed = tmp.resolve("seed");
        try (Git g = Git.open(seed.toFile())) {
            Files.createDirectories(seed.resolve("overrides/prod"));
            Files.writeString(seed.resolve("overrides/prod/search.json"), """
                    {"freeze": {"id": "frz-1", "count": 12, "actor": "oncall", "reason": "incident 42",
                                "createdAt": "2026-11-27T23:00:00Z"}}
                    """);
            g.add().addFilepattern(".").call();
            g.commit().setMessage("freeze search").setAuthor(ME).setCommitter(ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        LaunchResult r = plan(launcher, "--output", "json");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        JsonNode search = service(json(r), "search");
        assertThat(search.get("service").asText()).isEqualTo("search");
        assertThat(search.get("status").asText()).isEqualTo("FROZEN");
        assertThat(search.get("reasons").toString()).contains("FROZEN");
        assertThat(files(BRANCH)).contains("generated/prod/checkout/main.tf")
                .noneMatch(f -> f.startsWith("generated/prod/search/"));
    }

    @Test
    void shardsProposeDisjointBranchesThatTogetherCoverTheFleet(QuarkusMainLauncher launcher) throws Exception {
        java.util.Set<String> planned = new java.util.TreeSet<>();
        for (String shard : List.of("1/2", "2/2")) {
            LaunchResult r = plan(launcher, "--shard", shard, "--output", "json");
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            JsonNode summary = json(r);
            String branch = BRANCH + "-shard-" + shard.charAt(0) + "-of-2";
            assertThat(summary.get("branch").asText()).isEqualTo(branch);
            for (JsonNode s : summary.get("services")) {
                String key = s.get("environment").asText() + "/" + s.get("service").asText();
                assertThat(planned.add(key)).as("%s planned by two shards", key).isTrue();
                assertThat(files(branch)).contains("generated/" + key + "/main.tf");
            }
        }
        assertThat(planned).containsExactly("prod/billing", "prod/catalog", "prod/checkout", "prod/search",
                "staging/reports");
        LaunchResult bad = plan(launcher, "--shard", "3/2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.getErrorOutput()).contains("--shard: shard 3/2 is not i/n with 1 <= i <= n");
    }

    @Test
    void badOptionsExitTwo(QuarkusMainLauncher launcher) {
        LaunchResult r = plan(launcher, "--output", "yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("--output: 'yaml' is not one of text, json");
        LaunchResult n = launcher.launch("plan", "--repo", remote.toString(), "--now", "yesterday");
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.getErrorOutput()).contains("--now: 'yesterday' is not an ISO-8601 instant");
    }
}
