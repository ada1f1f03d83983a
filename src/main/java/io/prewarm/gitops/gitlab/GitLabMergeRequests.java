package io.prewarm.gitops.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.MergeRequest;
import io.prewarm.gitops.MergeRequestConflictException;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.MergeRequests;
import io.prewarm.gitops.Secret;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link MergeRequests} on GitLab's REST API v4 through the Quarkus REST client, built programmatically
 * so the URL comes from configuration at run time. Every call is retried a bounded number of times on
 * 429, 5xx and connection failures with doubling backoff ({@link GitLabRetry}); 401, 403 and 404 fail at once with a message
 * that says what to check; 409 on create becomes {@link MergeRequestConflictException}. The token travels
 * only in the {@code PRIVATE-TOKEN} header and is scrubbed from every message.
 */
public final class GitLabMergeRequests implements MergeRequests, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 20;

    private final GitLabConfig settings;
    private final GitLabEndpoint endpoint;
    private final GitLabApi api;
    private final Guard retry;

    GitLabMergeRequests(GitLabConfig settings, GitLabEndpoint endpoint, GitLabApi api) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.api = Objects.requireNonNull(api, "api");
        this.retry = GitLabRetry.guard(settings);
    }

    /** A client for {@code endpoint} with the other {@code settings}; close it when done. */
    public static GitLabMergeRequests create(GitLabConfig settings, GitLabEndpoint endpoint) {
        GitLabApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(endpoint.apiUrl())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .loggingMaskedHeaders(Set.of("PRIVATE-TOKEN"))
                .clientHeadersFactory(new TokenHeader(endpoint.token()))
                .build(GitLabApi.class);
        return new GitLabMergeRequests(settings, endpoint, api);
    }

    @Override
    public Optional<MergeRequest> findOpen(String sourceBranch, String targetBranch) {
        String what = "finding the open merge request for " + sourceBranch;
        JsonNode list = call(what, () -> api.list(endpoint.projectSegment(), "opened", sourceBranch, targetBranch,
                PER_PAGE, 1));
        for (JsonNode n : list) {
            MergeRequest mr = toMergeRequest(n, what);
            if (mr.sourceBranch().equals(sourceBranch) && mr.targetBranch().equals(targetBranch)) {
                return Optional.of(mr);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<MergeRequest> listOpen(String targetBranch, String sourcePrefix) {
        // The API filters by exact source branch only, so list the target's open merge requests and filter here.
        String what = "listing open merge requests into " + targetBranch;
        List<MergeRequest> out = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            int p = page;
            JsonNode list = call(what, () -> api.list(endpoint.projectSegment(), "opened", null, targetBranch,
                    PER_PAGE, p));
            for (JsonNode n : list) {
                MergeRequest mr = toMergeRequest(n, what);
                if (mr.sourceBranch().startsWith(sourcePrefix) && mr.targetBranch().equals(targetBranch)) {
                    out.add(mr);
                }
            }
            if (list.size() < PER_PAGE) {
                break;
            }
        }
        return out;
    }

    @Override
    public MergeRequest create(MergeRequestDraft draft) {
        ObjectNode body = JSON.createObjectNode()
                .put("source_branch", draft.sourceBranch())
                .put("target_branch", draft.targetBranch())
                .put("title", draft.title())
                .put("description", draft.description())
                .put("labels", String.join(",", labels(draft)))
                .put("remove_source_branch", settings.removeSourceBranch());
        ids(body.putArray("assignee_ids"), draft.assigneeIds(), settings.assigneeIds().orElse(List.of()));
        ids(body.putArray("reviewer_ids"), draft.reviewerIds(), settings.reviewerIds().orElse(List.of()));
        String what = "opening merge request for " + draft.sourceBranch();
        MergeRequest mr = toMergeRequest(call(what, () -> api.create(endpoint.projectSegment(), body.toString())), what);
        Log.infof("opened merge request iid=%d branch=%s", mr.iid(), mr.sourceBranch());
        return mr;
    }

    @Override
    public MergeRequest update(long iid, MergeRequestDraft draft) {
        ObjectNode body = JSON.createObjectNode()
                .put("title", draft.title())
                .put("description", draft.description())
                .put("add_labels", String.join(",", labels(draft)));
        String what = "updating merge request !" + iid;
        MergeRequest mr = toMergeRequest(call(what, () -> api.update(endpoint.projectSegment(), iid, body.toString())),
                what);
        Log.infof("updated merge request iid=%d branch=%s", mr.iid(), mr.sourceBranch());
        return mr;
    }

    @Override
    public void close(long iid, String note) {
        String noteJson = JSON.createObjectNode().put("body", note).toString();
        call("commenting on merge request !" + iid, () -> api.note(endpoint.projectSegment(), iid, noteJson));
        String closeJson = JSON.createObjectNode().put("state_event", "close").toString();
        call("closing merge request !" + iid, () -> api.update(endpoint.projectSegment(), iid, closeJson));
        Log.infof("closed superseded merge request iid=%d", iid);
    }

    private List<String> labels(MergeRequestDraft draft) {
        Set<String> all = new LinkedHashSet<>();
        settings.labels().stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(all::add);
        all.addAll(draft.labels());
        return List.copyOf(all);
    }

    private static void ids(ArrayNode array, List<Long> fromDraft, List<Long> fromSettings) {
        Set<Long> all = new LinkedHashSet<>(fromSettings);
        all.addAll(fromDraft);
        all.forEach(array::add);
    }

    /** One API call with bounded retries ({@link GitLabRetry}); the parsed JSON body of a 2xx answer. */
    private JsonNode call(String what, Supplier<Response> request) {
        int[] attempts = {0};
        try {
            return retry.call(() -> attempt(what, request, ++attempts[0]), JsonNode.class);
        } catch (GitLabRetry.Transient e) {
            throw e.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitOpsException(what + ": interrupted while waiting to retry");
        } catch (GitOpsException e) {
            throw e;
        } catch (Exception e) {
            throw new GitOpsException(what + ": " + endpoint.token().scrub(cause(e)));
        }
    }

    private JsonNode attempt(String what, Supplier<Response> request, int attempt) throws GitLabRetry.Transient {
        int status;
        String body;
        Optional<Duration> retryAfter;
        try (Response r = request.get()) {
            status = r.getStatus();
            body = r.hasEntity() ? r.readEntity(String.class) : "";
            retryAfter = retryAfter(r.getHeaderString("Retry-After"));
        } catch (ProcessingException e) {
            throw new GitLabRetry.Transient(what, attempt, "connection failure", Optional.empty(), new GitOpsException(
                    what + ": " + endpoint.token().scrub(cause(e)) + " (after " + attempt + " attempts)"));
        }
        if (status >= 200 && status < 300) {
            return parse(what, body);
        }
        GitOpsException failure = failure(what, status, body, attempt);
        if (status == 429 || status >= 500) {
            throw new GitLabRetry.Transient(what, attempt, "http " + status, retryAfter, failure);
        }
        throw failure;
    }

    private GitOpsException failure(String what, int status, String body, int attempts) {
        String project = endpoint.project();
        String detail = switch (status) {
            case 401 -> "gitlab answered 401 unauthorized: the token in prewarm.gitlab.token is missing, expired "
                    + "or revoked";
            case 403 -> "gitlab answered 403 forbidden: the token needs the api scope and at least developer "
                    + "access to project " + project;
            case 404 -> "gitlab answered 404 not found: project " + project + " or the merge request does not "
                    + "exist, or the token cannot see it";
            case 409 -> "gitlab answered 409 conflict: " + message(body);
            default -> "gitlab answered " + status + ": " + message(body)
                    + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
        };
        detail = endpoint.token().scrub(detail);
        return status == 409 ? new MergeRequestConflictException(what + ": " + detail)
                : new GitOpsException(what + ": " + detail);
    }

    /** GitLab's own message ({@code {"message": ...}} or {@code {"error": ...}}), shortened. */
    private static String message(String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.has("message")) {
                text = n.get("message").isTextual() ? n.get("message").asText() : n.get("message").toString();
            } else if (n != null && n.has("error")) {
                text = n.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON (a proxy's HTML page): keep the start of the text
        }
        text = text.replaceAll("\\s+", " ");
        return text.isEmpty() ? "no message" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static JsonNode parse(String what, String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new GitOpsException(what + ": gitlab answered something that is not JSON");
        }
    }

    private static MergeRequest toMergeRequest(JsonNode n, String what) {
        if (n == null || !n.has("iid") || !n.has("source_branch") || !n.has("target_branch")) {
            throw new GitOpsException(what + ": gitlab answered a merge request without iid or branches");
        }
        List<String> labels = new ArrayList<>();
        n.path("labels").forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText()));
        return new MergeRequest(n.get("iid").asLong(), n.get("source_branch").asText(), n.get("target_branch").asText(),
                n.path("title").asText(""), n.path("description").isNull() ? "" : n.path("description").asText(""),
                labels, n.path("web_url").asText(""));
    }

    static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
    }

    private static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t.getClass().getName().contains("Timeout")) {
                return "timed out";
            }
        }
        return "i/o error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public void close() {
        api.close();
    }

    /** Sends the token in every request; never printed. */
    private record TokenHeader(Secret token) implements ClientHeadersFactory {
        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                     MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> result = new MultivaluedHashMap<>();
            result.putSingle("PRIVATE-TOKEN", token.reveal());
            return result;
        }

        @Override
        public String toString() {
            return "TokenHeader[PRIVATE-TOKEN=***]";
        }
    }
}
