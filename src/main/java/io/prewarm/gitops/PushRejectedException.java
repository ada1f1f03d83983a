package io.prewarm.gitops;

/** Every push attempt was rejected because someone else kept writing to the branch first; nothing was pushed. */
public class PushRejectedException extends GitOpsException {
    public PushRejectedException(String message) {
        super(message);
    }
}
