package io.prewarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan --shard i/3 --no-merge-request} three times, then {@code merge-shards --shards 3}, on the demo at
 * 2026-11-28T00:00:00Z against a real bare repository, with WireMock answering like GitLab: the combined branch
 * holds byte for byte the tree one unsharded {@code plan} commits, one merge request is opened, the shards' open
 * merge requests are closed with a note naming it, a rerun answers NO_CHANGE, and the token is never printed.
 */
@QuarkusMainTest
@TestProfile(MergeShardsCommandTest.GitLab.class)
class MergeShardsCommandTest {
    static final String TOKEN = "glpat-Sh4rds-n3ver-pr1nted";
    static final String MRS = "/api/v4/projects/platform%2Fgitops/merge_requests";
    static final String NOW = "2026-11-28T00:00:00Z";
    static final String BRANCH = "prewarm/plan-2026-11-28";
    static final int PORT = freePort();
    static final WireMockServer GITLAB = new WireMockServer(WireMockConfiguration.options().port(PORT));

    /** GitLab at WireMock, quick retries. */
    public static class GitLab implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("prewarm.gitlab.url", "http://127.0.0.1:" + PORT + "/api/v4",
                    "prewarm.gitlab.token", TOKEN,
                    "prewarm.gitlab.project", "platform/gitops",
                    "prewarm.gitlab.max-attempts", "2",
                    "prewarm.gitlab.backoff", "PT0.01S");
        }
    }

    @TempDir
    Path tmp;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        GITLAB.start();
    }

    @AfterAll
    static void stop() {
        GITLAB.stop();
    }

    @BeforeEach
    void reset() {
        GITLAB.resetAll();
    }

    private Path gitOpsRepository(String name) throws Exception {
        Path remote = tmp.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve(name + "-seed");
        PersonIdent me = new PersonIdent("sre", "sre@example.org");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(me).setCommitter(me).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        return remote;
    }

    private static RevCommit head(Path remote, String branch) throws Exception {
        try (Git g = Git.open(remote.toFile()); RevWalk rw = new RevWalk(g.getRepository())) {
            ObjectId id = g.getRepository().resolve("refs/heads/" + branch);
            return id == null ? null : rw.parseCommit(id);
        }
    }

    /** The summary: the JSON object on stdout (in tests log lines may come before it). */
    private static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        return new ObjectMapper().readTree(out.startsWith("{") ? out : out.substring(out.indexOf("\n{") + 1));
    }

    private static String mr(long iid, String branch) {
        return "{\"iid\":" + iid + ",\"source_branch\":\"" + branch + "\",\"target_branch\":\"main\",\"title\":\"t\","
                + "\"description\":\"d\",\"labels\":[],\"web_url\":\"https://gitlab.example.com/platform/gitops/-/"
                + "merge_requests/" + iid + "\"}";
    }

    /**
     * Open shard merge requests !11, !12, !13; the combined !20 once opened. The first listing after it is opened
     * still shows the shards' (they are closed then); after that only !20 is open.
     */
    private static void stubGitLab() {
        String shards = mr(11, BRANCH + "-shard-1-of-3") + "," + mr(12, BRANCH + "-shard-2-of-3") + ","
                + mr(13, BRANCH + "-shard-3-of-3");
        GITLAB.stubFor(get(urlPathEqualTo(MRS)).inScenario("mr").whenScenarioStateIs(Scenario.STARTED)
                .withQueryParam("source_branch", equalTo(BRANCH)).willReturn(okJson("[]")));
        GITLAB.stubFor(post(urlPathEqualTo(MRS)).inScenario("mr").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(mr(20, BRANCH)).withStatus(201)).willSetStateTo("opened"));
        GITLAB.stubFor(get(urlPathEqualTo(MRS)).inScenario("mr").whenScenarioStateIs("opened")
                .withQueryParam("source_branch", equalTo(BRANCH)).willReturn(okJson("[" + mr(20, BRANCH) + "]")));
        GITLAB.stubFor(get(urlPathEqualTo(MRS)).inScenario("mr").whenScenarioStateIs("opened")
                .withQueryParam("source_branch", absent()).willReturn(okJson("[" + shards + "," + mr(20, BRANCH) + "]"))
                .willSetStateTo("closed"));
        GITLAB.stubFor(get(urlPathEqualTo(MRS)).inScenario("mr").whenScenarioStateIs("closed")
                .willReturn(okJson("[" + mr(20, BRANCH) + "]")));
        GITLAB.stubFor(post(urlPathMatching(MRS + "/1[123]/notes")).willReturn(okJson("{\"id\":1}").withStatus(201)));
        GITLAB.stubFor(put(urlPathMatching(MRS + "/1[123]")).willReturn(okJson(mr(11, BRANCH + "-shard-1-of-3"))));
    }

    @Test
    void shardsMergedAreByteIdenticalToTheUnshardedPlanInOneMergeRequestThatClosesTheShardsOwnAndARerunChangesNothing(
            QuarkusMainLauncher launcher) throws Exception {
        Path whole = gitOpsRepository("whole");
        LaunchResult unsharded = launcher.launch("plan", "--repo", whole.toString(), "--now", NOW, "--scorecards", "0",
                "--no-merge-request", "--output", "json");
        assertThat(unsharded.exitCode()).as(unsharded.getErrorOutput()).isZero();
        Path sharded = gitOpsRepository("sharded");
        for (int i = 1; i <= 3; i++) {
            LaunchResult r = launcher.launch("plan", "--repo", sharded.toString(), "--now", NOW, "--scorecards", "0",
                    "--shard", i + "/3", "--no-merge-request");
            assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
            assertThat(r.getOutput()).as("--no-merge-request prints no description").doesNotContain("## prewarm");
            assertThat(head(sharded, BRANCH + "-shard-" + i + "-of-3")).as("shard %d pushed its branch", i).isNotNull();
        }
        GITLAB.verify(0, anyRequestedFor(anyUrl())); // --no-merge-request: no GitLab call from plan

        stubGitLab();
        LaunchResult merged = launcher.launch("merge-shards", "--repo", sharded.toString(), "--now", NOW,
                "--shards", "3", "--output", "json");
        assertThat(merged.exitCode()).as(merged.getErrorOutput()).isZero();
        JsonNode summary = json(merged);
        RevCommit combined = head(sharded, BRANCH);
        assertThat(summary.get("status").asText()).isEqualTo("UPDATED");
        assertThat(summary.get("branch").asText()).isEqualTo(BRANCH);
        assertThat(summary.get("commit").asText()).isEqualTo(combined.name());
        assertThat(summary.get("services")).hasSize(5);
        RevCommit one = head(whole, BRANCH);
        assertThat(combined.getTree().name()).as("sharded(1..3) + merge-shards == one unsharded plan, byte for byte")
                .isEqualTo(one.getTree().name());
        assertThat(combined.getShortMessage()).isEqualTo(one.getShortMessage());
        assertThat(combined.getFullMessage()).contains("Prewarm-Shard: 1/3 ", "Prewarm-Shard: 2/3 ", "Prewarm-Shard: 3/3 ");

        GITLAB.verify(1, postRequestedFor(urlPathEqualTo(MRS)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.source_branch", equalTo(BRANCH)))
                .withRequestBody(matchingJsonPath("$.title", equalTo(one.getShortMessage()
                        .replace("prewarm: plan", "prewarm: capacity plan")))));
        for (int iid = 11; iid <= 13; iid++) {
            GITLAB.verify(postRequestedFor(urlPathEqualTo(MRS + "/" + iid + "/notes")).withRequestBody(matchingJsonPath(
                    "$.body", equalTo("Combined with the other shards into !20 (`" + BRANCH + "`, https://gitlab."
                            + "example.com/platform/gitops/-/merge_requests/20): review and merge that one. Closed by "
                            + "prewarm."))));
            GITLAB.verify(putRequestedFor(urlPathEqualTo(MRS + "/" + iid))
                    .withRequestBody(equalToJson("{\"state_event\":\"close\"}")));
        }
        assertThat(merged.getOutput() + merged.getErrorOutput()).doesNotContain(TOKEN);

        LaunchResult again = launcher.launch("merge-shards", "--repo", sharded.toString(), "--now", NOW,
                "--shards", "3", "--output", "json");
        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(json(again).get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(json(again).get("commit").asText()).isEqualTo(combined.name());
        assertThat(head(sharded, BRANCH).name()).as("no new commit").isEqualTo(combined.name());
        GITLAB.verify(1, postRequestedFor(urlPathEqualTo(MRS)));
        GITLAB.verify(0, putRequestedFor(urlPathEqualTo(MRS + "/20")));
        GITLAB.verify(3, putRequestedFor(urlPathMatching(MRS + "/1[123]"))); // closed once, by the first run
        assertThat(again.getOutput() + again.getErrorOutput()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingShardExitsOneNamingItAndPushesNothing(QuarkusMainLauncher launcher) throws Exception {
        Path repo = gitOpsRepository("missing");
        LaunchResult shard = launcher.launch("plan", "--repo", repo.toString(), "--now", NOW, "--scorecards", "0",
                "--shard", "1/3", "--no-merge-request");
        assertThat(shard.exitCode()).as(shard.getErrorOutput()).isZero();
        LaunchResult r = launcher.launch("merge-shards", "--repo", repo.toString(), "--date", "2026-11-28",
                "--shards", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.getErrorOutput()).contains("error: merging shards: no branch for shard 2/3 (" + BRANCH
                + "-shard-2-of-3), 3/3 (" + BRANCH + "-shard-3-of-3)");
        assertThat(head(repo, BRANCH)).isNull();
        GITLAB.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void oneShardOrBothDateAndNowAreInvalidInput(QuarkusMainLauncher launcher) {
        LaunchResult one = launcher.launch("merge-shards", "--repo", tmp.toString(), "--shards", "1");
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.getErrorOutput()).contains("error: --shards: 1 is out of range [2, 9999]");
        LaunchResult both = launcher.launch("merge-shards", "--repo", tmp.toString(), "--shards", "3", "--date",
                "2026-11-28", "--now", NOW);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.getErrorOutput()).contains("error: --date: give either --date or --now, not both");
    }
}
