package io.prewarm.console;

import io.prewarm.emergency.PlanCommits;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleViewsTest {
    @Test
    void mergeRequestLinksGoToTheRequestOrToTheBranchsList() {
        PlanCommits.PlanCommit merged = new PlanCommits.PlanCommit("m", "prewarm: capacity plan",
                Optional.of("prewarm/plan-2026-11-28"), Optional.of("ops/gitops!42"));
        PlanCommits.PlanCommit plain = new PlanCommits.PlanCommit("p", "prewarm: plan",
                Optional.of("prewarm/plan-2026-11-28"), Optional.empty());
        Optional<String> project = Optional.of("https://gitlab.example.com/ops/gitops");
        assertThat(ConsoleViews.mergeRequestUrl(project, merged)).contains("https://gitlab.example.com/ops/gitops/-/merge_requests/42");
        assertThat(ConsoleViews.mergeRequestUrl(project, plain)).contains(
                "https://gitlab.example.com/ops/gitops/-/merge_requests?scope=all&state=all&source_branch=prewarm%2Fplan-2026-11-28");
        assertThat(ConsoleViews.mergeRequestUrl(Optional.empty(), merged)).isEmpty();
    }
}
