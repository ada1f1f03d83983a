package io.prewarm.gitops.gitlab;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * The pipeline trigger's part of {@code prewarm.gitlab.*} (the rest is {@link GitLabConfig}); declared here
 * so that {@code prewarm.gitlab.trigger-token} is a known property.
 */
@ConfigMapping(prefix = "prewarm.gitlab")
public interface GitLabTriggerConfig {
    /** Pipeline trigger token of the project; with url and project set, serve triggers a pipeline per action. Never logged. */
    Optional<String> triggerToken();
}
