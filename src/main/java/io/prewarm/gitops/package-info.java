/**
 * The GitOps repository and merge requests: {@link io.prewarm.gitops.GitWorkspace} (a temporary clone,
 * one commit per proposal), {@link io.prewarm.gitops.MergeRequests} (the forge's port) with the
 * find-then-update {@link io.prewarm.gitops.MergeRequestSync} and the offline
 * {@link io.prewarm.gitops.PrintingPublisher}, plus publishing results.
 */
package io.prewarm.gitops;
