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
    void aDryRunWithChangesSaysUpdatedUnpublishedAndAfterThePushNoChange(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult r = plan(launcher, "--dry-run", "--output", "json");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        JsonNode summary = json(r);
        assertThat(summary.get("services")).hasSize(5).allMatch(s -> s.get("status").asText().equals("UPDATED"));
        assertThat(summary.get("status").asText()).as("changes proposed").isEqualTo("UPDATED");
        assertThat(summary.get("dryRun").asBoolean()).isTrue();
        assertThat(summary.get("published").asBoolean()).isFalse();
        assertThat(summary.get("commit").isNull()).isTrue();
        assertThat(summary.get("error").isNull()).isTrue();
        assertThat(summary.get("diff").asText()).contains("+++ b/generated/prod/checkout/main.tf");
        assertThat(ref(BRANCH)).isNull();

        assertThat(plan(launcher).exitCode()).isZero(); // proposes the branch
        try (Git g = Git.open(remote.toFile())) { // and the proposal is merged
            org.eclipse.jgit.lib.RefUpdate u = g.getRepository().updateRef("refs/heads/main");
            u.setNewObjectId(ref(BRANCH).getObjectId());
            u.setForceUpdate(true);
            assertThat(u.update()).isIn(org.eclipse.jgit.lib.RefUpdate.Result.FORCED,
                    org.eclipse.jgit.lib.RefUpdate.Result.FAST_FORWARD);
        }
        JsonNode again = json(plan(launcher, "--dry-run", "--output", "json"));
        assertThat(again.get("services")).allMatch(s -> s.get("status").asText().equals("NO_CHANGE"));
        assertThat(again.get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(again.get("diff").asText()).isEmpty();
    }

    @Test
    void aDryRunPrintsTheSummaryAndTheDiffButNotTheDescriptionUnlessAskedForAFile(QuarkusMainLauncher launcher)
            throws Exception {
        String diff = json(plan(launcher, "--dry-run", "--output", "json")).get("diff").asText();
        LaunchResult r = plan(launcher, "--dry-run");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        String out = r.getOutput();
        assertThat(out).contains(diff).contains("UPDATED    prod/checkout")
                .contains("5 services: 5 updated, 0 unchanged, 0 frozen, 0 failed; dry run, nothing committed")
                .doesNotContain("# prewarm: capacity plan");
        // summary lines and a few log lines on top of the diff; the description alone is over 100 KB
        assertThat(out.length()).isLessThan(diff.length() + 20_000);

        Path description = tmp.resolve("mr.md");
        LaunchResult d = plan(launcher, "--dry-run", "--description", description.toString());
        assertThat(d.exitCode()).as(d.getErrorOutput()).isZero();
        assertThat(d.getOutput()).contains("+++ b/generated/prod/checkout/main.tf")
                .doesNotContain("# prewarm: capacity plan");
        assertThat(Files.readString(description)).startsWith("# prewarm: capacity plan 2026-11-28 for 5 services")
                .contains("prod/checkout").hasSizeGreaterThan(50_000);
        assertThat(ref(BRANCH)).isNull();

        LaunchResult missing = plan(launcher, "--dry-run", "--description", tmp.resolve("no/such/mr.md").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.getErrorOutput()).contains("--description: writing " + tmp.resolve("no/such/mr.md")
                + ": folder " + tmp.resolve("no/such") + " does not exist");
    }

    @Test
    void theAuditLogGoesToItsFileAndToStderrOnlyWithVerbose(QuarkusMainLauncher launcher) throws Exception {
        java.util.Properties testConfig = new java.util.Properties(); // tests set prewarm.audit.file there
        try (var in = Files.newInputStream(Path.of("src/test/resources/META-INF/microprofile-config.properties"))) {
            testConfig.load(in);
        }
        Path audit = Path.of(testConfig.getProperty("prewarm.audit.file"));
        long before = Files.exists(audit) ? Files.readAllLines(audit).size() : 0;
        LaunchResult quiet = plan(launcher, "--dry-run", "--output", "json");
        assertThat(quiet.exitCode()).as(quiet.getErrorOutput()).isZero();
        List<String> lines = Files.readAllLines(audit);
        List<String> added = lines.subList((int) before, lines.size());
        assertThat(added).hasSizeGreaterThan(100).allMatch(l -> l.startsWith("{\"") && l.contains("\"dryRun\":true"));
        assertThat(quiet.getErrorOutput()).doesNotContain("audit {");
        assertThat(quiet.getOutput()).doesNotContain("audit {");

        LaunchResult verbose = plan(launcher, "--dry-run", "--output", "json", "--verbose");
        assertThat(verbose.exitCode()).as(verbose.getErrorOutput()).isZero();
        String logged = verbose.getOutput() + verbose.getErrorOutput();
        assertThat(logged.lines().filter(l -> l.contains("audit {"))).hasSize(added.size());
        assertThat(Files.readAllLines(audit)).hasSize(lines.size() + added.size());
    }

    @Test
    void credentialsInTheMetricsUrlExitTwoWithoutEchoingThem(QuarkusMainLauncher launcher) {
        LaunchResult r = plan(launcher, "--metrics", "http://alice:pa55w0rd-xyz@127.0.0.1:9/", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("--metrics: credentials in URLs are refused")
                .contains("prewarm.prometheus.basic-auth");
        assertThat(r.getOutput() + r.getErrorOutput()).doesNotContain("pa55w0rd-xyz").doesNotContain("alice");
        LaunchResult malformed = plan(launcher, "--metrics", "http://alice:pa55w0rd-xyz@exa mple/", "--dry-run");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.getOutput() + malformed.getErrorOutput()).doesNotContain("pa55w0rd-xyz");
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
        assertThat(r.getErrorOutput()).contains("--output: expected one of [text, json] (case-sensitive) but was 'yaml'");
        LaunchResult n = launcher.launch("plan", "--repo", remote.toString(), "--now", "yesterday");
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.getErrorOutput()).contains("--now: 'yesterday' is not an ISO-8601 instant");
    }
}
