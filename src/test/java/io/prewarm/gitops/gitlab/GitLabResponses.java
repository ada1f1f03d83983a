package io.prewarm.gitops.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** GitLab API answers shaped like recorded ones (src/test/resources/gitlab), with the fields a test varies filled in. */
final class GitLabResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitLabResponses() {
    }

    static String mergeRequest(long iid, String source, String target, String title, String description,
                               List<String> labels) {
        try {
            return resource("merge_request.json")
                    .replace("{{iid}}", Long.toString(iid))
                    .replace("\"{{title}}\"", JSON.writeValueAsString(title))
                    .replace("\"{{description}}\"", JSON.writeValueAsString(description))
                    .replace("\"{{source}}\"", JSON.writeValueAsString(source))
                    .replace("\"{{target}}\"", JSON.writeValueAsString(target))
                    .replace("{{labels}}", JSON.writeValueAsString(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String list(String... mergeRequests) {
        return "[" + String.join(",", mergeRequests) + "]";
    }

    static String note() {
        return resource("note.json");
    }

    private static String resource(String name) {
        try (InputStream in = GitLabResponses.class.getResourceAsStream("/gitlab/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
