package io.prewarm.gitops.gitlab;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitLabSettingsTest {
    static final Map<String, String> CI = Map.of("CI_API_V4_URL", "https://gitlab.example.com/api/v4",
            "CI_PROJECT_ID", "42");

    record Config(Optional<String> url, Optional<String> token, Optional<String> project) implements GitLabConfig {
        public List<String> labels() {
            return List.of("prewarm", " ", "prewarm", "capacity");
        }

        public Optional<List<Long>> assigneeIds() {
            return Optional.empty();
        }

        public Optional<List<Long>> reviewerIds() {
            return Optional.of(List.of(5L));
        }

        public boolean removeSourceBranch() {
            return true;
        }

        public int maxAttempts() {
            return 4;
        }

        public Duration backoff() {
            return Duration.ofSeconds(1);
        }

        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        public Duration readTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    @Test
    void withoutATokenGitLabIsNotConfigured() {
        assertThat(GitLabSettings.resolve(new Config(Optional.of("https://x/api/v4"), Optional.empty(),
                Optional.of("1")), CI)).isEmpty();
        assertThat(GitLabSettings.resolve(new Config(Optional.empty(), Optional.of("  "), Optional.empty()), CI)).isEmpty();
    }

    @Test
    void insideGitLabCiTheUrlAndProjectDefaultToTheJobsVariables() {
        GitLabSettings s = GitLabSettings.resolve(new Config(Optional.empty(), Optional.of("glpat-abc"), Optional.empty()),
                CI).orElseThrow();
        assertThat(s.apiUrl()).hasToString("https://gitlab.example.com/api/v4");
        assertThat(s.project()).isEqualTo("42");
        assertThat(s.labels()).containsExactly("prewarm", "capacity");
        assertThat(s.reviewerIds()).containsExactly(5L);
    }

    @Test
    void configurationWinsOverTheCiVariablesAndPathsAreEncoded() {
        GitLabSettings s = GitLabSettings.resolve(new Config(Optional.of("https://git.corp/api/v4/"),
                Optional.of("glpat-abc"), Optional.of("platform/gitops")), CI).orElseThrow();
        assertThat(s.apiUrl()).hasToString("https://git.corp/api/v4");
        assertThat(s.projectSegment()).isEqualTo("platform%2Fgitops");
    }

    @Test
    void aTokenWithoutUrlOrProjectOutsideCiNamesTheMissingProperty() {
        assertThatThrownBy(() -> GitLabSettings.resolve(new Config(Optional.empty(), Optional.of("glpat-abc"),
                Optional.of("1")), Map.of())).hasMessageContaining("prewarm.gitlab.url is required");
        assertThatThrownBy(() -> GitLabSettings.resolve(new Config(Optional.of("https://git.corp/api/v4"),
                Optional.of("glpat-abc"), Optional.empty()), Map.of())).hasMessageContaining("prewarm.gitlab.project is required");
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> GitLabSettings.resolve(new Config(Optional.of("https://bot:hunter2@git.corp/api/v4"),
                Optional.of("glpat-abc"), Optional.of("1")), Map.of()))
                .hasMessageContaining("must not carry credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> GitLabSettings.resolve(new Config(Optional.of("ftp://git.corp"),
                Optional.of("glpat-abc"), Optional.of("1")), Map.of())).hasMessageContaining("http(s) URL");
    }

    @Test
    void theSettingsNeverPrintTheToken() {
        GitLabSettings s = GitLabSettings.resolve(new Config(Optional.empty(), Optional.of("glpat-abc123"),
                Optional.empty()), CI).orElseThrow();
        assertThat(s.toString()).doesNotContain("glpat-abc123").contains("***");
        assertThat(s.token().toString()).isEqualTo("***");
    }
}
