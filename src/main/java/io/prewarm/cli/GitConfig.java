package io.prewarm.cli;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Git settings of prewarm's commits ({@code prewarm.git.*}, or {@code PREWARM_GIT_*} in the environment). */
@ConfigMapping(prefix = "prewarm.git")
public interface GitConfig {
    /** Author and committer name of prewarm's commits. */
    @WithDefault("prewarm")
    String authorName();

    /** Author and committer e-mail of prewarm's commits. */
    @WithDefault("prewarm@localhost")
    String authorEmail();
}
