package io.prewarm.gitops.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prewarm.gitops.PipelineTrigger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link PipelineTrigger} on GitLab's pipeline trigger API: {@code POST /api/v4/projects/:id/trigger/pipeline}
 * with the trigger token, the ref and variables as form fields. The token travels in the body, as GitLab
 * wants, and never appears in an outcome or a log line.
 */
public final class GitLabPipelineTrigger implements PipelineTrigger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String project;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl GitLab's address, e.g. {@code https://gitlab.example.org}
     * @param project numeric id or {@code group/project} path
     * @param token   the pipeline trigger token
     * @param timeout for the whole request
     */
    public GitLabPipelineTrigger(URI baseUrl, String project, String token, Duration timeout) {
        this.base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.project = Objects.requireNonNull(project, "project");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (project.isBlank() || token.isBlank()) {
            throw new IllegalArgumentException("configuring the GitLab pipeline trigger: project and token must not be blank");
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Outcome trigger(String ref, Map<String, String> variables) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        URI uri = URI.create(root + "api/v4/projects/" + enc(project) + "/trigger/pipeline");
        StringBuilder form = new StringBuilder("token=").append(enc(token)).append("&ref=").append(enc(ref));
        new TreeMap<>(variables).forEach((k, v) -> form.append("&variables[").append(enc(k)).append("]=").append(enc(v)));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                return Outcome.failed("triggering a pipeline on " + ref + ": GitLab answered " + r.statusCode()
                        + message(r.body()));
            }
            JsonNode body = JSON.readTree(r.body());
            Optional<Long> id = body.hasNonNull("id") ? Optional.of(body.get("id").asLong()) : Optional.empty();
            Optional<String> web = body.hasNonNull("web_url") ? Optional.of(body.get("web_url").asText()) : Optional.empty();
            return new Outcome(Status.TRIGGERED, id, web, "pipeline " + id.map(String::valueOf).orElse("?") + " on " + ref);
        } catch (IOException e) {
            return Outcome.failed("triggering a pipeline on " + ref + ": " + scrub(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("triggering a pipeline on " + ref + ": interrupted");
        }
    }

    /** GitLab's {@code message} field, short, with the token removed should GitLab ever echo it. */
    private String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String m = n.has("message") ? n.get("message").toString() : "";
            m = scrub(m);
            return m.isEmpty() ? "" : " (" + (m.length() > 200 ? m.substring(0, 200) : m) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String scrub(String s) {
        return s.replace(token, "***").replace(enc(token), "***");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
