package io.prewarm.gitops;

/** A Git operation failed; the message says which ("pushing branch x: non-fast-forward") without credentials. */
public class GitOpsException extends RuntimeException {
    public GitOpsException(String message) {
        super(message);
    }

    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
