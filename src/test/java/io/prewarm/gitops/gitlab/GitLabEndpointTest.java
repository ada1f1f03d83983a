package io.prewarm.gitops.gitlab;

import io.prewarm.common.Configs;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitLabEndpointTest {
    static final Map<String, String> CI = Map.of("CI_API_V4_URL", "https://gitlab.example.com/api/v4",
            "CI_PROJECT_ID", "42");

    /** The {@code prewarm.gitlab} mapping; a null argument leaves its property unset. */
    static GitLabConfig config(String url, String token, String project) {
        Map<String, String> values = new HashMap<>();
        if (url != null) {
            values.put("url", url);
        }
        if (token != null) {
            values.put("token", token);
        }
        if (project != null) {
            values.put("project", project);
        }
        return Configs.mapping(GitLabConfig.class, values);
    }

    @Test
    void withoutATokenGitLabIsNotConfigured() {
        assertThat(GitLabEndpoint.resolve(config("https://x/api/v4", null, "1"), CI)).isEmpty();
        assertThat(GitLabEndpoint.resolve(config(null, "  ", null), CI)).isEmpty();
    }

    @Test
    void insideGitLabCiTheUrlAndProjectDefaultToTheJobsVariables() {
        GitLabEndpoint s = GitLabEndpoint.resolve(config(null, "glpat-abc", null), CI).orElseThrow();
        assertThat(s.apiUrl()).hasToString("https://gitlab.example.com/api/v4");
        assertThat(s.project()).isEqualTo("42");
    }

    @Test
    void configurationWinsOverTheCiVariablesAndPathsAreEncoded() {
        GitLabEndpoint s = GitLabEndpoint.resolve(config("https://git.corp/api/v4/", "glpat-abc", "platform/gitops"), CI)
                .orElseThrow();
        assertThat(s.apiUrl()).hasToString("https://git.corp/api/v4");
        assertThat(s.projectSegment()).isEqualTo("platform%2Fgitops");
    }

    @Test
    void aTokenWithoutUrlOrProjectOutsideCiNamesTheMissingProperty() {
        assertThatThrownBy(() -> GitLabEndpoint.resolve(config(null, "glpat-abc", "1"), Map.of()))
                .hasMessageContaining("prewarm.gitlab.url is required");
        assertThatThrownBy(() -> GitLabEndpoint.resolve(config("https://git.corp/api/v4", "glpat-abc", null), Map.of()))
                .hasMessageContaining("prewarm.gitlab.project is required");
    }

    @Test
    void attemptsOutsideOneToTenAreRefusedNamingTheProperty() {
        GitLabConfig c = Configs.mapping(GitLabConfig.class, Map.of("url", "https://git.corp/api/v4",
                "token", "glpat-abc", "project", "1", "max-attempts", "0"));
        assertThatThrownBy(() -> GitLabEndpoint.resolve(c, Map.of()))
                .hasMessage("prewarm.gitlab.max-attempts must be 1..10, got 0");
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> GitLabEndpoint.resolve(config("https://bot:hunter2@git.corp/api/v4", "glpat-abc", "1"),
                Map.of()))
                .hasMessageContaining("must not carry credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> GitLabEndpoint.resolve(config("ftp://git.corp", "glpat-abc", "1"), Map.of()))
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void theEndpointNeverPrintsTheToken() {
        GitLabEndpoint s = GitLabEndpoint.resolve(config(null, "glpat-abc123", null), CI).orElseThrow();
        assertThat(s.toString()).doesNotContain("glpat-abc123").contains("***");
        assertThat(s.token().toString()).isEqualTo("***");
    }
}
