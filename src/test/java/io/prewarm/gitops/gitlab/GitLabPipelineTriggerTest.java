package io.prewarm.gitops.gitlab;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.prewarm.gitops.PipelineTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** GitLab's pipeline trigger API, stood in for by WireMock. */
class GitLabPipelineTriggerTest {
    static final String TOKEN = "glptt-secret-trigger-token";
    static final String PATH = "/api/v4/projects/infra%2Fgitops/trigger/pipeline";

    final WireMockServer gitlab = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        gitlab.start();
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    private GitLabPipelineTrigger trigger(Duration timeout) {
        return new GitLabPipelineTrigger(URI.create(gitlab.baseUrl()), "infra/gitops", TOKEN, timeout);
    }

    @Test
    void triggersAPipelineOnTheRefWithTheTokenAndVariablesInTheForm() {
        gitlab.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":4711,\"status\":\"created\",\"web_url\":\"https://gitlab/p/-/pipelines/4711\"}")));
        PipelineTrigger.Outcome o = trigger(Duration.ofSeconds(5)).trigger("main",
                Map.of("PREWARM_SERVICE", "checkout", "PREWARM_EMERGENCY_ID", "em-1"));
        assertThat(o.status()).isEqualTo(PipelineTrigger.Status.TRIGGERED);
        assertThat(o.id()).contains(4711L);
        assertThat(o.webUrl()).contains("https://gitlab/p/-/pipelines/4711");
        gitlab.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("token=" + TOKEN))
                .withRequestBody(containing("ref=main"))
                .withRequestBody(containing("variables[PREWARM_SERVICE]=checkout")));
    }

    @Test
    void aRefusedTriggerIsReportedWithoutTheToken() {
        gitlab.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"404 Not Found token " + TOKEN + "\"}")));
        PipelineTrigger.Outcome o = trigger(Duration.ofSeconds(5)).trigger("main", Map.of());
        assertThat(o.status()).isEqualTo(PipelineTrigger.Status.FAILED);
        assertThat(o.message()).contains("404").doesNotContain(TOKEN);
    }

    @Test
    void aSlowGitLabTimesOutAsAFailureNotAnException() {
        gitlab.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withFixedDelay(3000).withBody("{}")));
        PipelineTrigger.Outcome o = trigger(Duration.ofMillis(300)).trigger("main", Map.of());
        assertThat(o.status()).isEqualTo(PipelineTrigger.Status.FAILED);
        assertThat(o.message()).doesNotContain(TOKEN);
    }

    @Test
    void withoutConfigurationNothingIsTriggeredAndTheAnswerSaysWhy() {
        PipelineTrigger none = PipelineTrigger.none("GitLab is not configured");
        assertThat(none.configured()).isFalse();
        assertThat(none.trigger("main", Map.of()).status()).isEqualTo(PipelineTrigger.Status.SKIPPED);
    }
}
