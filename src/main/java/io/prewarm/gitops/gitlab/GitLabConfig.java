package io.prewarm.gitops.gitlab;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * GitLab settings ({@code prewarm.gitlab.*}, or {@code PREWARM_GITLAB_*} in the environment). Without a
 * token prewarm opens no merge request and prints the description instead. Inside GitLab CI the URL and
 * the project default to {@code CI_API_V4_URL} and {@code CI_PROJECT_ID}; see {@link GitLabEndpoint#resolve}.
 */
@ConfigMapping(prefix = "prewarm.gitlab")
public interface GitLabConfig {
    /** API v4 base URL, for example {@code https://gitlab.example.com/api/v4}; defaults to {@code CI_API_V4_URL}. */
    Optional<String> url();

    /** An {@code api}-scoped personal, project or group access token, sent as {@code PRIVATE-TOKEN}. */
    Optional<String> token();

    /** The GitOps project: numeric id or path ({@code group/gitops}); defaults to {@code CI_PROJECT_ID}. */
    Optional<String> project();

    /** Labels every prewarm merge request carries (added; labels reviewers set stay). */
    @WithDefault("prewarm")
    List<String> labels();

    /** Numeric user ids assigned to a new merge request. */
    Optional<List<Long>> assigneeIds();

    /** Numeric user ids asked to review a new merge request. */
    Optional<List<Long>> reviewerIds();

    /** Whether merging deletes the proposal branch. */
    @WithDefault("true")
    boolean removeSourceBranch();

    /** Attempts per API call when GitLab answers 429 or 5xx or the connection fails (1 = no retry). */
    @WithDefault("4")
    int maxAttempts();

    /** First wait between attempts; doubles each time (a Retry-After header wins, up to one minute). */
    @WithDefault("PT1S")
    Duration backoff();

    /** Connect timeout per call. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Read timeout per call. */
    @WithDefault("PT30S")
    Duration readTimeout();
}
