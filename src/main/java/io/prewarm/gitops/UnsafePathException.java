package io.prewarm.gitops;

/**
 * The repository holds a symbolic link (or a path resolving outside the clone) where prewarm reads or writes;
 * nothing was written. Retrying does not help: someone must replace the link with a real folder or file.
 */
public class UnsafePathException extends GitOpsException {
    public UnsafePathException(String message) {
        super(message);
    }
}
