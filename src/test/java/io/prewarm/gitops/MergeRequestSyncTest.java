package io.prewarm.gitops;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The find-then-update rules on a scripted forge (the GitLab adapter itself is tested against WireMock). */
class MergeRequestSyncTest {
    static final String BRANCH = "prewarm/plan-2026-11-28";

    static MergeRequestDraft draft(String description, boolean refresh) {
        return new MergeRequestDraft(BRANCH, "main", "prewarm: capacity plan", description, List.of("prewarm"),
                List.of(), List.of(), refresh);
    }

    /** One open merge request, or none; records writes. */
    static final class Forge implements MergeRequests {
        Optional<MergeRequest> open;
        final List<String> writes = new ArrayList<>();

        Forge(Optional<MergeRequest> open) {
            this.open = open;
        }

        public Optional<MergeRequest> findOpen(String s, String t) {
            return open;
        }

        public List<MergeRequest> listOpen(String t, String p) {
            return open.map(List::of).orElse(List.of());
        }

        public MergeRequest create(MergeRequestDraft d) {
            writes.add("create");
            throw new MergeRequestConflictException("opening merge request for " + d.sourceBranch() + ": 409");
        }

        public MergeRequest update(long iid, MergeRequestDraft d) {
            writes.add("update");
            return new MergeRequest(iid, d.sourceBranch(), d.targetBranch(), d.title(), d.description(), d.labels(), "");
        }

        public void close(long iid, String note) {
            writes.add("close");
        }
    }

    static MergeRequest existing(String description, List<String> labels) {
        return new MergeRequest(7, BRANCH, "main", "prewarm: capacity plan", description, labels, "");
    }

    @Test
    void anUnpushedRunLeavesAnOpenMergeRequestsTextAlone() {
        Forge f = new Forge(Optional.of(existing("older text", List.of("prewarm"))));
        assertThat(new MergeRequestSync(f).publish(draft("newer text", false)).status())
                .isEqualTo(MergeRequestOutcome.Status.UNCHANGED);
        assertThat(f.writes).isEmpty();
    }

    @Test
    void whitespaceAndLineEndingsGitLabNormalisesAreNotAChange() {
        Forge f = new Forge(Optional.of(existing("line one\r\nline two\n", List.of("prewarm", "team-x"))));
        assertThat(new MergeRequestSync(f).publish(draft("line one\nline two", true)).status())
                .isEqualTo(MergeRequestOutcome.Status.UNCHANGED);
        assertThat(f.writes).isEmpty();
    }

    @Test
    void aMissingLabelIsAChange() {
        Forge f = new Forge(Optional.of(existing("text", List.of())));
        assertThat(new MergeRequestSync(f).publish(draft("text", true)).status()).isEqualTo(MergeRequestOutcome.Status.UPDATED);
        assertThat(f.writes).containsExactly("update");
    }

    @Test
    void aConflictWithNothingToFindIsAClearError() {
        Forge f = new Forge(Optional.empty());
        assertThatThrownBy(() -> new MergeRequestSync(f).publish(draft("text", true)))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("conflict but lists no open merge request");
    }

    @Test
    void onlyPlanBranchesCanSupersede() {
        assertThatThrownBy(() -> new MergeRequestSync(new Forge(Optional.empty()), "feature/"))
                .hasMessageContaining("must start with prewarm/");
    }

    @Test
    void aShardSupersedesOnlyItsOwnOlderProposals() {
        assertThat(MergeRequestSync.shardOf("prewarm/plan-2026-11-28-shard-2-of-8")).isEqualTo("-shard-2-of-8");
        assertThat(MergeRequestSync.shardOf("prewarm/plan-2026-11-28")).isEmpty();
        assertThat(MergeRequestSync.shardOf("prewarm/plan-2026-11-29-shard-2-of-8"))
                .isEqualTo(MergeRequestSync.shardOf("prewarm/plan-2026-11-28-shard-2-of-8"))
                .isNotEqualTo(MergeRequestSync.shardOf("prewarm/plan-2026-11-28-shard-3-of-8"));
    }

    /** Lists a fixed set of open merge requests; creating opens !99 from the draft's branch; records closes. */
    static final class Listing implements MergeRequests {
        final List<MergeRequest> open;
        final java.util.Map<Long, String> closed = new java.util.TreeMap<>();

        Listing(List<MergeRequest> open) {
            this.open = open;
        }

        public Optional<MergeRequest> findOpen(String s, String t) {
            return Optional.empty();
        }

        public List<MergeRequest> listOpen(String t, String p) {
            return open.stream().filter(m -> m.sourceBranch().startsWith(p)).toList();
        }

        public MergeRequest create(MergeRequestDraft d) {
            return new MergeRequest(99, d.sourceBranch(), d.targetBranch(), d.title(), d.description(), d.labels(),
                    "https://gitlab.example.com/mr/99");
        }

        public MergeRequest update(long iid, MergeRequestDraft d) {
            throw new AssertionError("no update expected");
        }

        public void close(long iid, String note) {
            closed.put(iid, note);
        }
    }

    private static MergeRequest open(long iid, String branch) {
        return new MergeRequest(iid, branch, "main", "t", "d", List.of(), "");
    }

    @Test
    void aWholeFleetProposalClosesTheShardsOwnWithANoteNamingItWhileAShardClosesOnlyItsOwn() {
        List<MergeRequest> open = List.of(open(1, BRANCH + "-shard-1-of-2"), open(2, BRANCH + "-shard-2-of-2"),
                open(3, "prewarm/plan-2026-11-27-shard-1-of-2"), open(4, "prewarm/emergency-x"));
        Listing shardRun = new Listing(open);
        new MergeRequestSync(shardRun).publish(new MergeRequestDraft("prewarm/plan-2026-11-29-shard-1-of-2", "main",
                "t", "d", List.of(), List.of(), List.of(), true));
        assertThat(shardRun.closed).containsOnlyKeys(1L, 3L);

        Listing combined = new Listing(open);
        MergeRequestOutcome out = new MergeRequestSync(combined).publish(draft("text", true));
        assertThat(out.closed()).containsExactly(1L, 2L, 3L);
        assertThat(combined.closed.get(1L)).isEqualTo("Combined with the other shards into !99 (`" + BRANCH
                + "`, https://gitlab.example.com/mr/99): review and merge that one. Closed by prewarm.");
        assertThat(combined.closed.get(3L)).startsWith("Superseded by !99 (`" + BRANCH + "`)");
    }
}
