package io.prewarm.gitops.gitlab;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.prewarm.common.Configs;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.MergeRequestOutcome;
import io.prewarm.gitops.MergeRequestSync;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GitLab adapter and the find-then-update sync against WireMock answering like GitLab does. */
@QuarkusTest
class GitLabMergeRequestsTest {
    static final String TOKEN = "glpat-Sup3rS3cretT0ken";
    static final String MRS = "/api/v4/projects/platform%2Fgitops/merge_requests";
    static final String BRANCH = "prewarm/plan-2026-11-28";
    static final MergeRequestDraft DRAFT = new MergeRequestDraft(BRANCH, "main", "prewarm: plan 2026-11-28 for 2 services",
            "## prewarm plan\n\n| service | peak |\n|---|---|\n| prod/checkout | 14 |\n", List.of(), List.of(), List.of(),
            true);

    final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    GitLabMergeRequests gitlab;

    @BeforeEach
    void start() {
        wm.start();
        Logger.getLogger("").addHandler(capture);
        gitlab = client(config(4));
    }

    @AfterEach
    void stop() {
        gitlab.close();
        Logger.getLogger("").removeHandler(capture);
        wm.stop();
    }

    /** Labels with a blank and a repeated entry, which the requests must not carry. */
    GitLabConfig config(int attempts) {
        return Configs.mapping(GitLabConfig.class, Map.of("url", wm.baseUrl() + "/api/v4", "token", TOKEN,
                "project", "platform/gitops", "labels", "prewarm, ,prewarm,capacity", "assignee-ids", "11",
                "reviewer-ids", "12,13", "max-attempts", String.valueOf(attempts), "backoff", "1ms",
                "connect-timeout", "2s", "read-timeout", "5s"));
    }

    GitLabMergeRequests client(GitLabConfig config) {
        return GitLabMergeRequests.create(config, GitLabEndpoint.resolve(config, Map.of()).orElseThrow());
    }

    static String mr(long iid, String source, String description) {
        return GitLabResponses.mergeRequest(iid, source, "main", DRAFT.title(), description, List.of("prewarm", "capacity"));
    }

    void openForBranch(String body) {
        wm.stubFor(get(urlPathEqualTo(MRS)).withQueryParam("source_branch", equalTo(BRANCH))
                .withQueryParam("state", equalTo("opened")).willReturn(okJson(body)));
    }

    void openIntoMain(String body) {
        wm.stubFor(get(urlPathEqualTo(MRS)).withQueryParam("source_branch", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .withQueryParam("target_branch", equalTo("main")).willReturn(okJson(body)));
    }

    @Test
    void opensAMergeRequestWhenNoneIsOpenForTheBranch() {
        openForBranch("[]");
        openIntoMain("[]");
        wm.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(mr(17, BRANCH, DRAFT.description()))));

        MergeRequestOutcome out = new MergeRequestSync(gitlab).publish(DRAFT);

        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.CREATED);
        assertThat(out.mergeRequest().orElseThrow().iid()).isEqualTo(17);
        assertThat(out.mergeRequest().get().webUrl()).endsWith("/merge_requests/17");
        wm.verify(postRequestedFor(urlPathEqualTo(MRS))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.source_branch", equalTo(BRANCH)))
                .withRequestBody(matchingJsonPath("$.target_branch", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.labels", equalTo("prewarm,capacity")))
                .withRequestBody(matchingJsonPath("$.remove_source_branch", equalTo("true")))
                .withRequestBody(equalToJson("{\"assignee_ids\":[11],\"reviewer_ids\":[12,13]}", true, true)));
    }

    @Test
    void updatesTheOpenMergeRequestInsteadOfOpeningASecond() {
        openForBranch(GitLabResponses.list(mr(17, BRANCH, "an older plan")));
        openIntoMain(GitLabResponses.list(mr(17, BRANCH, "an older plan")));
        wm.stubFor(put(urlPathEqualTo(MRS + "/17")).willReturn(okJson(mr(17, BRANCH, DRAFT.description()))));

        MergeRequestOutcome out = new MergeRequestSync(gitlab).publish(DRAFT);

        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.UPDATED);
        assertThat(out.closed()).isEmpty();
        wm.verify(0, postRequestedFor(urlPathEqualTo(MRS)));
        wm.verify(putRequestedFor(urlPathEqualTo(MRS + "/17"))
                .withRequestBody(matchingJsonPath("$.description", equalTo(DRAFT.description())))
                .withRequestBody(matchingJsonPath("$.add_labels", equalTo("prewarm,capacity"))));
    }

    @Test
    void anUnchangedPlanMakesNoApiWrite() {
        openForBranch(GitLabResponses.list(mr(17, BRANCH, DRAFT.description())));
        openIntoMain(GitLabResponses.list(mr(17, BRANCH, DRAFT.description())));

        MergeRequestOutcome out = new MergeRequestSync(gitlab).publish(DRAFT);

        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.UNCHANGED);
        wm.verify(0, postRequestedFor(anyUrl()));
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aConflictOnCreateFindsTheMergeRequestSomeoneElseOpenedAndUpdatesIt() {
        // A parallel run opened it between our lookup and our create: GitLab answers 409.
        wm.stubFor(get(urlPathEqualTo(MRS)).withQueryParam("source_branch", equalTo(BRANCH)).inScenario("race")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[]")).willSetStateTo("opened elsewhere"));
        wm.stubFor(get(urlPathEqualTo(MRS)).withQueryParam("source_branch", equalTo(BRANCH)).inScenario("race")
                .whenScenarioStateIs("opened elsewhere").willReturn(okJson(GitLabResponses.list(mr(18, BRANCH, "theirs")))));
        openIntoMain(GitLabResponses.list(mr(18, BRANCH, "theirs")));
        wm.stubFor(post(urlPathEqualTo(MRS)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":[\"Another open merge request already exists for this source branch: !18\"]}")));
        wm.stubFor(put(urlPathEqualTo(MRS + "/18")).willReturn(okJson(mr(18, BRANCH, DRAFT.description()))));

        MergeRequestOutcome out = new MergeRequestSync(gitlab).publish(DRAFT);

        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.UPDATED);
        assertThat(out.mergeRequest().orElseThrow().iid()).isEqualTo(18);
        wm.verify(1, postRequestedFor(urlPathEqualTo(MRS)));
        wm.verify(1, putRequestedFor(urlPathEqualTo(MRS + "/18")));
    }

    @Test
    void unauthorizedFailsAtOnceWithAHintAndNeverShowsTheToken() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"401 Unauthorized\"}")));

        assertThatThrownBy(() -> new MergeRequestSync(gitlab).publish(DRAFT))
                .isInstanceOf(GitOpsException.class)
                .hasMessageStartingWith("finding the open merge request for " + BRANCH + ": gitlab answered 401")
                .hasMessageContaining("prewarm.gitlab.token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        wm.verify(1, anyRequestedFor(anyUrl()));
        assertThat(logged).noneMatch(l -> l.contains(TOKEN));
        assertThat(GitLabEndpoint.resolve(config(1), Map.of()).orElseThrow().toString()).doesNotContain(TOKEN);
    }

    @Test
    void forbiddenAndNotFoundSayWhatToCheck() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"message\":\"403 Forbidden\"}")));
        assertThatThrownBy(() -> gitlab.findOpen(BRANCH, "main")).hasMessageContaining("403 forbidden")
                .hasMessageContaining("api scope");
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"404 Project Not Found\"}")));
        assertThatThrownBy(() -> gitlab.findOpen(BRANCH, "main")).hasMessageContaining("404 not found")
                .hasMessageContaining("platform/gitops");
        wm.verify(2, getRequestedFor(urlPathEqualTo(MRS))); // neither was retried
    }

    @Test
    void serverErrorsAreRetriedWithDoublingBackoffThenSucceed() {
        failThenSucceed(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"),
                aResponse().withStatus(503), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        long start = System.nanoTime();

        assertThat(gitlab.findOpen(BRANCH, "main")).isEmpty();

        wm.verify(4, getRequestedFor(urlPathEqualTo(MRS)));
        // waits of 1, 2 and 4 ms (GitLabRetryTest pins them)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1 + 2 + 4));
        assertThat(logged).filteredOn(l -> l.contains("retrying")).hasSize(3);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        failThenSucceed(aResponse().withStatus(429).withHeader("Retry-After", "1"));
        long start = System.nanoTime();

        assertThat(gitlab.findOpen(BRANCH, "main")).isEmpty();
        wm.verify(2, getRequestedFor(urlPathEqualTo(MRS)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsReported() {
        wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"500 Internal Server Error\"}")));

        assertThatThrownBy(() -> gitlab.findOpen(BRANCH, "main"))
                .hasMessage("finding the open merge request for " + BRANCH
                        + ": gitlab answered 500: 500 Internal Server Error (after 4 attempts)");
        wm.verify(4, getRequestedFor(urlPathEqualTo(MRS)));
        assertThat(logged).anyMatch(l -> l.contains("retrying")).noneMatch(l -> l.contains(TOKEN));
    }

    @Test
    void closesOlderPlanMergeRequestsWithANoteButLeavesOthersAlone() {
        openForBranch(GitLabResponses.list(mr(20, BRANCH, DRAFT.description())));
        openIntoMain(GitLabResponses.list(mr(20, BRANCH, DRAFT.description()),
                mr(12, "prewarm/plan-2026-11-27", "yesterday"),
                mr(9, "prewarm/emergency-prod-checkout", "an emergency"),
                mr(5, "feature/new-service", "a human's change")));
        wm.stubFor(post(urlPathEqualTo(MRS + "/12/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabResponses.note())));
        wm.stubFor(put(urlPathEqualTo(MRS + "/12")).willReturn(okJson(mr(12, "prewarm/plan-2026-11-27", "yesterday"))));

        MergeRequestOutcome out = new MergeRequestSync(gitlab).publish(DRAFT);

        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.UNCHANGED);
        assertThat(out.closed()).containsExactly(12L);
        wm.verify(postRequestedFor(urlPathEqualTo(MRS + "/12/notes"))
                .withRequestBody(matchingJsonPath("$.body", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("Superseded by !20 (`" + BRANCH + "`)"))));
        wm.verify(putRequestedFor(urlPathEqualTo(MRS + "/12"))
                .withRequestBody(equalToJson("{\"state_event\":\"close\"}")));
        wm.verify(0, putRequestedFor(urlPathEqualTo(MRS + "/9")));
        wm.verify(0, putRequestedFor(urlPathEqualTo(MRS + "/5")));
    }

    @Test
    void aNumericProjectIdIsUsedAsIs() {
        GitLabConfig byIdConfig = Configs.mapping(GitLabConfig.class, Map.of("url", wm.baseUrl() + "/api/v4/",
                "token", TOKEN, "project", "42", "remove-source-branch", "false", "max-attempts", "1"));
        wm.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests")).willReturn(okJson("[]")));
        try (GitLabMergeRequests byId = client(byIdConfig)) {
            assertThat(byId.findOpen(BRANCH, "main")).isEmpty();
        }
    }

    private void failThenSucceed(ResponseDefinitionBuilder... failures) {
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "attempt-" + (i + 2);
            wm.stubFor(get(urlPathEqualTo(MRS)).inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(failures[i]).willSetStateTo(next));
            state = next;
        }
        wm.stubFor(get(urlPathEqualTo(MRS)).inScenario("flaky").whenScenarioStateIs(state).willReturn(okJson("[]")));
    }
}
