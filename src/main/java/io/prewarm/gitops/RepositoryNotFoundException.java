package io.prewarm.gitops;

/** The repository named as a local path does not exist or is not a Git repository (invalid input, not a failure). */
public class RepositoryNotFoundException extends GitOpsException {
    public RepositoryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
