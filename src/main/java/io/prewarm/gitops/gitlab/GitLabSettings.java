package io.prewarm.gitops.gitlab;

import io.prewarm.gitops.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated GitLab settings.
 *
 * @param apiUrl             API v4 base URL, without a trailing slash
 * @param project            numeric id or path of the GitOps project
 * @param token              the access token (prints as {@code ***})
 * @param labels             labels every merge request carries
 * @param assigneeIds        assigned on creation
 * @param reviewerIds        asked to review on creation
 * @param removeSourceBranch delete the branch on merge
 * @param maxAttempts        attempts per call on 429/5xx/connection failure
 * @param backoff            first wait between attempts, doubled each time
 * @param connectTimeout     per call
 * @param readTimeout        per call
 */
public record GitLabSettings(URI apiUrl, String project, Secret token, List<String> labels, List<Long> assigneeIds,
                             List<Long> reviewerIds, boolean removeSourceBranch, int maxAttempts, Duration backoff,
                             Duration connectTimeout, Duration readTimeout) {
    public GitLabSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (project.isBlank()) {
            throw new IllegalArgumentException("prewarm.gitlab.project must not be blank");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("prewarm.gitlab.max-attempts must be 1..10, got " + maxAttempts);
        }
        labels = labels.stream().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
        assigneeIds = List.copyOf(assigneeIds);
        reviewerIds = List.copyOf(reviewerIds);
    }

    /**
     * The settings from configuration, with GitLab CI's variables as defaults; empty when no token is
     * configured (prewarm then prints the description instead of opening a merge request).
     *
     * @param config the {@code prewarm.gitlab} mapping
     * @param env    the process environment ({@code System.getenv()}), for {@code CI_API_V4_URL} and {@code CI_PROJECT_ID}
     * @throws IllegalArgumentException naming the property when a token is set but the rest is missing or invalid
     */
    public static Optional<GitLabSettings> resolve(GitLabConfig config, Map<String, String> env) {
        Optional<String> token = config.token().map(String::strip).filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String url = config.url().filter(u -> !u.isBlank()).or(() -> Optional.ofNullable(env.get("CI_API_V4_URL"))
                .filter(u -> !u.isBlank())).orElseThrow(() -> new IllegalArgumentException(
                "prewarm.gitlab.url is required when prewarm.gitlab.token is set (outside GitLab CI, where "
                        + "CI_API_V4_URL is the default)"));
        String project = config.project().filter(p -> !p.isBlank()).or(() -> Optional.ofNullable(env.get("CI_PROJECT_ID"))
                .filter(p -> !p.isBlank())).orElseThrow(() -> new IllegalArgumentException(
                "prewarm.gitlab.project is required when prewarm.gitlab.token is set (outside GitLab CI, where "
                        + "CI_PROJECT_ID is the default)"));
        return Optional.of(new GitLabSettings(apiUrl(url), project.strip(), Secret.of(token.get()), config.labels(),
                config.assigneeIds().orElse(List.of()), config.reviewerIds().orElse(List.of()),
                config.removeSourceBranch(), config.maxAttempts(), config.backoff(), config.connectTimeout(),
                config.readTimeout()));
    }

    static URI apiUrl(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            URI uri = new URI(u);
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("prewarm.gitlab.url must be an http(s) URL such as "
                        + "https://gitlab.example.com/api/v4, got " + redact(uri));
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("prewarm.gitlab.url must not carry credentials; set "
                        + "prewarm.gitlab.token instead (got " + redact(uri) + ")");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("prewarm.gitlab.url is not a URL: " + e.getReason());
        }
    }

    private static String redact(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }

    /** The project as a path segment: GitLab wants {@code group%2Fproject} for paths. */
    String projectSegment() {
        return java.net.URLEncoder.encode(project, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GitLabSettings[apiUrl=" + apiUrl + ", project=" + project + ", token=***, labels=" + labels + "]";
    }
}
