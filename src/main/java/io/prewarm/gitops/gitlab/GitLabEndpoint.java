package io.prewarm.gitops.gitlab;

import io.prewarm.gitops.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link GitLabConfig} leaves to the run: the API URL and project, falling back to GitLab CI's variables,
 * and the token as a {@link Secret}. The other settings are read from the mapping itself.
 *
 * @param apiUrl  API v4 base URL, without a trailing slash
 * @param project numeric id or path of the GitOps project
 * @param token   the access token (prints as {@code ***})
 */
public record GitLabEndpoint(URI apiUrl, String project, Secret token) {
    public GitLabEndpoint {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(token, "token");
        if (project.isBlank()) {
            throw new IllegalArgumentException("prewarm.gitlab.project must not be blank");
        }
    }

    /**
     * The endpoint from configuration, with GitLab CI's variables as defaults; empty when no token is
     * configured (prewarm then prints the description instead of opening a merge request).
     *
     * @param config the {@code prewarm.gitlab} mapping
     * @param env    the process environment ({@code System.getenv()}), for {@code CI_API_V4_URL} and {@code CI_PROJECT_ID}
     * @throws IllegalArgumentException naming the property when a token is set but the rest is missing or invalid
     */
    public static Optional<GitLabEndpoint> resolve(GitLabConfig config, Map<String, String> env) {
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
        GitLabEndpoint endpoint = new GitLabEndpoint(apiUrl(url), project.strip(), Secret.of(token.get()));
        if (config.maxAttempts() < 1 || config.maxAttempts() > 10) {
            throw new IllegalArgumentException("prewarm.gitlab.max-attempts must be 1..10, got " + config.maxAttempts());
        }
        return Optional.of(endpoint);
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
        return URLEncoder.encode(project, StandardCharsets.UTF_8);
    }
}
