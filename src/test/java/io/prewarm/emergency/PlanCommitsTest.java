package io.prewarm.emergency;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommitsTest {

    @Test
    void gitLabsMergeCommitNamesTheBranchAndTheMergeRequest() {
        PlanCommits.PlanCommit c = PlanCommits.parse("abc", ConsoleFixtures.MERGE).orElseThrow();
        assertThat(c.branch()).contains("prewarm/plan-2026-11-28");
        assertThat(c.mergeRequest()).contains("ops/gitops!42");
        assertThat(c.subject()).isEqualTo("Merge branch 'prewarm/plan-2026-11-28' into 'main'");
    }

    @Test
    void aFastForwardedPlanCommitNamesItsBranchByDateWithoutAMergeRequest() {
        PlanCommits.PlanCommit c = PlanCommits.parse("abc", "prewarm: plan 2026-11-28 for 3 services\n\nPlanned at ...\n")
                .orElseThrow();
        assertThat(c.branch()).contains("prewarm/plan-2026-11-28");
        assertThat(c.mergeRequest()).isEmpty();
    }

    @Test
    void emergencyAndOtherCommitsAreNotPlanRuns() {
        assertThat(PlanCommits.parse("a", "prewarm: freeze prod/checkout at 12\n\nEmergency action by ops")).isEmpty();
        assertThat(PlanCommits.parse("b", "Merge branch 'feature/x' into 'main'")).isEmpty();
    }

    @Test
    void theNewestPlanCommitOfTheLogWins() {
        List<Map.Entry<String, String>> log = List.of(Map.entry("e1", "prewarm: freeze prod/checkout"),
                Map.entry("m2", ConsoleFixtures.MERGE), Map.entry("p1", "prewarm: plan 2026-11-27 for 2 services"));
        assertThat(PlanCommits.newest(log).map(PlanCommits.PlanCommit::commit)).isEqualTo(Optional.of("m2"));
    }
}
