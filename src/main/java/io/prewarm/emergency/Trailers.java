package io.prewarm.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Optional;

/**
 * The trailers an emergency commit carries, so that a restarted {@code serve} rebuilds its idempotency
 * keys and answers from Git alone: {@code Prewarm-Action-Id}, {@code Prewarm-Idempotency-Key},
 * {@code Prewarm-Request-Sha256} (the digest of the request that gave the key, so a reuse with another body is
 * refused after a restart too), {@code Prewarm-Signed-Request} (the SHA-256 of an accepted signature, never
 * the secret, so a restarted process or another replica refuses its replay) and {@code Prewarm-Answer} (the
 * first answer, one line of JSON, without the commit, which is the carrier). A group commit carries several
 * actions: each one's trailers start at its {@code Prewarm-Action-Id} line.
 */
final class Trailers {
    static final String ACTION_ID = "Prewarm-Action-Id";
    static final String IDEMPOTENCY_KEY = "Prewarm-Idempotency-Key";
    static final String ANSWER = "Prewarm-Answer";
    static final String REQUEST_DIGEST = "Prewarm-Request-Sha256";
    static final String SIGNED = "Prewarm-Signed-Request";

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Trailers() {
    }

    /** What one commit says about the action it carries. */
    record Recovered(String actionId, Optional<String> idempotencyKey, Optional<ActionResult> answer,
                     Optional<String> requestDigest, Optional<SignedRequest> signed) {
    }

    static String json(ActionResult r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing an answer: " + e.getOriginalMessage(), e);
        }
    }

    /** The first action a commit message carries, if it carries one. */
    static Optional<Recovered> parse(String commitId, String message) {
        return parseAll(commitId, message).stream().findFirst();
    }

    /**
     * Every action a commit message carries, in order. A group commit carries several: each action's trailers
     * start with its {@code Prewarm-Action-Id} line and run until the next one.
     */
    static java.util.List<Recovered> parseAll(String commitId, String message) {
        java.util.List<Recovered> out = new java.util.ArrayList<>();
        String id = null;
        String key = null;
        ActionResult answer = null;
        String digest = null;
        SignedRequest signed = null;
        for (String line : (message + "\n" + ACTION_ID + ": ").split("\n")) {
            if (line.startsWith(ACTION_ID + ": ")) {
                if (id != null && !id.isEmpty()) {
                    out.add(new Recovered(id, Optional.ofNullable(key), Optional.ofNullable(answer),
                            Optional.ofNullable(digest), Optional.ofNullable(signed)));
                }
                id = line.substring(ACTION_ID.length() + 2).trim();
                key = null;
                answer = null;
                digest = null;
                signed = null;
            } else if (id == null) {
                continue; // the subject and the summary lines before the first action
            } else if (line.startsWith(IDEMPOTENCY_KEY + ": ")) {
                key = line.substring(IDEMPOTENCY_KEY.length() + 2).trim();
            } else if (line.startsWith(REQUEST_DIGEST + ": ")) {
                digest = line.substring(REQUEST_DIGEST.length() + 2).trim();
            } else if (line.startsWith(SIGNED + ": ")) {
                signed = SignedRequest.parse(line.substring(SIGNED.length() + 2)).orElse(null);
            } else if (line.startsWith(ANSWER + ": ")) {
                try {
                    answer = JSON.readValue(line.substring(ANSWER.length() + 2), ActionResult.class).withCommit(commitId);
                } catch (JsonProcessingException e) {
                    answer = null; // an unreadable answer only costs the replayed answer's detail
                }
            }
        }
        return out;
    }
}
