package io.prewarm.gitops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * How prewarm writes to the GitOps repository ({@code prewarm.gitops.*}, or {@code PREWARM_GITOPS_*} in the
 * environment). Commit author: {@code prewarm.git.author-name} and {@code prewarm.git.author-email}.
 */
@ConfigMapping(prefix = "prewarm.gitops")
public interface GitOpsConfig {
    /**
     * Churn control: a plan whose scheduled capacity moves by less than this many percent in every hour of
     * the week, with the same limits and no higher peak, is not proposed. 0 proposes every change.
     */
    @WithDefault("10")
    double churnThresholdPercent();

    /** Attempts to push when someone else moved the branch first (fetch, recompute, push again). */
    @WithDefault("3")
    int pushAttempts();

    /** HTTPS user name for Git (GitLab accepts any non-empty name with an access token). */
    @WithDefault("oauth2")
    String httpsUsername();

    /**
     * HTTPS password or access token for Git; defaults to {@code prewarm.gitlab.token} so one GitLab token
     * serves both the API and pushes.
     */
    Optional<String> httpsToken();

    /** SSH private key file for {@code git@host:...} or {@code ssh://} repositories. */
    Optional<String> sshKeyFile();

    /** A known_hosts file; without it the host key is checked against {@code ~/.ssh/known_hosts}. */
    Optional<String> sshKnownHostsFile();
}
