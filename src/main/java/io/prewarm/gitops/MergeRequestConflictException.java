package io.prewarm.gitops;

/** The forge refused to open a merge request because one is already open for the source branch (HTTP 409). */
public class MergeRequestConflictException extends GitOpsException {
    public MergeRequestConflictException(String message) {
        super(message);
    }
}
