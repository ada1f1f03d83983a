package io.prewarm.gitops;

/**
 * Publishes a proposal's description: to the forge as a merge request ({@link MergeRequestSync}), or
 * to standard output when no forge is configured ({@link PrintingPublisher}), the local default.
 */
public interface MergeRequestPublisher extends AutoCloseable {
    MergeRequestOutcome publish(MergeRequestDraft draft);

    /** Releases the forge client, if any. */
    @Override
    default void close() {
    }
}
