package io.prewarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge request step fails after the branch was pushed (WireMock answering like GitLab, a real bare
 * repository on disk): the summary still reaches stdout with the branch, the commit and the error, the exit
 * code is 1, and the token is nowhere in the output.
 */
@QuarkusMainTest
@TestProfile(PlanMergeRequestFailureTest.GitLab.class)
class PlanMergeRequestFailureTest {
    static final String TOKEN = "glpat-Tr0ub4dor-n3ver-pr1nted";
    static final String MRS = "/api/v4/projects/platform%2Fgitops/merge_requests";
    static final String BRANCH = "prewarm/plan-2026-11-28";
    static final int PORT = freePort();
    static final WireMockServer GITLAB = new WireMockServer(WireMockConfiguration.options().port(PORT));

    /** GitLab at WireMock; no backtest, quick retries. */
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
    Path remote;

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
    void gitOpsRepository() throws Exception {
        GITLAB.resetAll();
        GITLAB.stubFor(get(urlPathEqualTo(MRS)).willReturn(okJson("[]")));
        remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        PersonIdent me = new PersonIdent("sre", "sre@example.org");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(me).setCommitter(me).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private LaunchResult plan(QuarkusMainLauncher launcher, String output) {
        return launcher.launch("plan", "--repo", remote.toString(), "--now", "2026-11-28T00:00:00Z",
                "--scorecards", "0", "--output", output);
    }

    private Ref branch() throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            return g.getRepository().exactRef("refs/heads/" + BRANCH);
        }
    }

    /** The summary: the JSON object on stdout (in tests log lines may come before it). */
    private static JsonNode json(LaunchResult r) throws Exception {
        String out = r.getOutput();
        return new ObjectMapper().readTree(out.startsWith("{") ? out : out.substring(out.indexOf("\n{") + 1));
    }

    private void assertPrintedSummaryOfThePushedBranch(LaunchResult r, String cause) throws Exception {
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(1);
        JsonNode summary = json(r);
        Ref pushed = branch();
        assertThat(pushed).as("the branch was pushed before the merge request step").isNotNull();
        assertThat(summary.get("status").asText()).isEqualTo("FAILED");
        assertThat(summary.get("published").asBoolean()).isTrue();
        assertThat(summary.get("branch").asText()).isEqualTo(BRANCH);
        assertThat(summary.get("commit").asText()).isEqualTo(pushed.getObjectId().name());
        assertThat(summary.get("error").asText()).startsWith("opening merge request for " + BRANCH + ": ")
                .contains(cause);
        assertThat(summary.get("services")).hasSize(5);
        assertThat(r.getErrorOutput()).contains("error: opening merge request for " + BRANCH);
        GITLAB.verify(postRequestedFor(urlPathEqualTo(MRS)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
        assertThat(r.getOutput()).doesNotContain(TOKEN);
        assertThat(r.getErrorOutput()).doesNotContain(TOKEN);
    }

    @Test
    void gitLab500AfterThePushStillPrintsTheJsonSummaryWithBranchCommitAndErrorAndExitsOne(
            QuarkusMainLauncher launcher) throws Exception {
        GITLAB.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"500 Internal Server Error, token " + TOKEN + "\"}")));
        LaunchResult r = plan(launcher, "json");
        assertPrintedSummaryOfThePushedBranch(r, "gitlab answered 500");
    }

    @Test
    void gitLab401AfterThePushStillPrintsTheJsonSummaryWithBranchCommitAndErrorAndExitsOne(
            QuarkusMainLauncher launcher) throws Exception {
        GITLAB.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"401 Unauthorized\"}")));
        LaunchResult r = plan(launcher, "json");
        assertPrintedSummaryOfThePushedBranch(r, "gitlab answered 401 unauthorized");
    }

    @Test
    void inTextOutputTheFailedMergeRequestFollowsThePushedCommit(QuarkusMainLauncher launcher) throws Exception {
        GITLAB.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(401)));
        LaunchResult r = plan(launcher, "text");
        assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(1);
        assertThat(r.getOutput()).contains("pushed " + branch().getObjectId().name() + " to " + BRANCH);
        assertThat(r.getErrorOutput()).contains("error: opening merge request for " + BRANCH
                + ": gitlab answered 401 unauthorized");
        assertThat(r.getOutput() + r.getErrorOutput()).doesNotContain(TOKEN);
    }
}
