/**
 * GitLab REST API v4 adapter for merge requests: {@link io.prewarm.gitops.gitlab.GitLabMergeRequests} on the
 * Quarkus REST client with bounded retries ({@link io.prewarm.gitops.gitlab.GitLabRetry}), its configuration ({@code prewarm.gitlab.*}) and the choice between GitLab and the
 * printing publisher ({@link io.prewarm.gitops.gitlab.GitLabPublishers}).
 */
package io.prewarm.gitops.gitlab;
