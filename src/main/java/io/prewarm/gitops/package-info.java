/**
 * The GitOps repository and merge requests: {@link io.prewarm.gitops.GitWorkspace} (a temporary clone,
 * one commit per proposal; shard branches read back for {@code merge-shards}) and the
 * {@link io.prewarm.gitops.ChangeSet} it commits (per path: write or delete), {@link io.prewarm.gitops.MergeRequests} (the forge's port) with the
 * find-then-update {@link io.prewarm.gitops.MergeRequestSync} and the offline
 * {@link io.prewarm.gitops.PrintingPublisher}, {@link io.prewarm.gitops.PlanSnapshot} and
 * {@link io.prewarm.gitops.ChurnControl} (whether a new plan differs enough to be proposed), configuration
 * ({@code prewarm.gitops.*}), publishing results and the failures callers tell apart
 * ({@link io.prewarm.gitops.UnsafePathException}, {@link io.prewarm.gitops.RepositoryNotFoundException}).
 */
package io.prewarm.gitops;
