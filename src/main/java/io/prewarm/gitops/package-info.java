/** The GitOps repository and merge requests: {@link io.prewarm.gitops.GitWorkspace} and publishing results. */
package io.prewarm.gitops;
