/** GitLab REST API adapter for merge requests. */
package io.prewarm.gitops.gitlab;
