package io.prewarm.gitops.gitlab;

import io.prewarm.gitops.MergeRequestPublisher;
import io.prewarm.gitops.MergeRequestSync;
import io.prewarm.gitops.PrintingPublisher;

import java.io.PrintStream;
import java.util.Map;

/** Chooses the merge request publisher: GitLab when a token is configured, standard output otherwise. */
public final class GitLabPublishers {
    private GitLabPublishers() {
    }

    /**
     * @param config the {@code prewarm.gitlab} mapping
     * @param env    the process environment (GitLab CI's {@code CI_API_V4_URL}, {@code CI_PROJECT_ID})
     * @param out    where the description goes when GitLab is not configured
     */
    public static MergeRequestPublisher fromConfig(GitLabConfig config, Map<String, String> env, PrintStream out) {
        return GitLabEndpoint.resolve(config, env)
                .<MergeRequestPublisher>map(e -> new MergeRequestSync(GitLabMergeRequests.create(config, e)))
                .orElseGet(() -> new PrintingPublisher(out));
    }
}
