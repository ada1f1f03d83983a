package io.prewarm.gitops;

import java.util.Objects;

/** A commit message: one subject line saying what changed, and a body (reason codes, numbers). */
public record CommitMessage(String subject, String body) {
    public CommitMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("commit subject must be one non-empty line");
        }
    }

    public String full() {
        return body.isBlank() ? subject + "\n" : subject + "\n\n" + body.strip() + "\n";
    }
}
