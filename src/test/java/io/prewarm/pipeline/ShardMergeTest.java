package io.prewarm.pipeline;

import io.prewarm.gitops.MergeRequest;
import io.prewarm.gitops.MergeRequestSync;
import io.prewarm.gitops.UnsafePathException;
import io.prewarm.gitops.jgit.JGitWorkspace;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code merge-shards} on real bare repositories with shard branches made the way {@code plan --shard} makes
 * them (one commit on main each): a missing shard, two shards changing one file, main changing a shard's file
 * after it planned, a rerun with nothing new, and the per-shard merge requests closed in favour of one.
 */
class ShardMergeTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final LocalDate DAY = LocalDate.parse("2026-11-28");
    static final String BRANCH = "prewarm/plan-2026-11-28";

    @TempDir
    Path tmp;
    Path remote;
    Path seed;

    @BeforeEach
    void repository() throws Exception {
        remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            Files.createDirectories(seed.resolve("generated/prod/old"));
            Files.writeString(seed.resolve("generated/prod/old/main.tf"), "# old\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    /** A shard branch as plan --shard pushes it: one commit on main's head holding {@code files} (null deletes). */
    private void shard(int i, int n, Map<String, String> files, String lines) throws Exception {
        try (Git g = Git.open(seed.toFile())) {
            g.fetch().setRemote("origin").call();
            g.checkout().setName("refs/remotes/origin/main").setForced(true).call();
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = seed.resolve(f.getKey());
                if (f.getValue() == null) {
                    g.rm().addFilepattern(f.getKey()).call();
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, f.getValue());
                    g.add().addFilepattern(f.getKey()).call();
                }
            }
            g.commit().setMessage("prewarm: plan 2026-11-28 for shard\n\nPlanned at 2026-11-28T00:00:00Z.\n\n" + lines)
                    .setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").setForce(true)
                    .add("HEAD:refs/heads/" + BRANCH + "-shard-" + i + "-of-" + n).call();
            g.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("origin/main").call();
        }
    }

    /** A real plan file of prod/{@code service}, recording {@code branch} as plan does. */
    private static String planFile(String service, String branch) {
        io.prewarm.plan.CapacityPlan plan = io.prewarm.render.PlanFixtures.plan("prod", service,
                new io.prewarm.common.Target(io.prewarm.common.TargetKind.AWS_ASG, service + "-prod",
                        Map.of("region", "us-east-1")),
                io.prewarm.render.PlanFixtures.weekdayActions(io.prewarm.render.PlanFixtures.BERLIN));
        java.time.Instant start = java.time.Instant.parse("2026-11-28T00:00:00Z");
        double[] point = new double[24];
        double[] upper = new double[24];
        java.util.Arrays.fill(point, 100);
        java.util.Arrays.fill(upper, 150);
        io.prewarm.forecast.Forecast f = new io.prewarm.forecast.Forecast(start, java.time.Duration.ofMinutes(5), point,
                upper, "gbm", 0.5, "MASE", List.of());
        return PlanFile.write(plan, f, new PlanFile.Run(start, branch));
    }

    private RunSummary merge(InMemoryMergeRequests forge, boolean allowMissing, int n) {
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            return new ShardMerge(forge == null ? Optional.empty() : Optional.of(new MergeRequestSync(forge)))
                    .run(ws, new ShardMerge.Options(DAY, n, allowMissing));
        }
    }

    private Optional<String> read(String branch, String path) throws Exception {
        try (Git g = Git.open(remote.toFile()); RevWalk rw = new RevWalk(g.getRepository())) {
            ObjectId head = g.getRepository().resolve("refs/heads/" + branch);
            try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(g.getRepository(), path,
                    rw.parseCommit(head).getTree())) {
                return tw == null ? Optional.empty()
                        : Optional.of(new String(g.getRepository().open(tw.getObjectId(0)).getBytes()));
            }
        }
    }

    private RevCommit head(String branch) throws Exception {
        try (Git g = Git.open(remote.toFile()); RevWalk rw = new RevWalk(g.getRepository())) {
            ObjectId id = g.getRepository().resolve("refs/heads/" + branch);
            return id == null ? null : rw.parseCommit(id);
        }
    }

    private void twoDisjointShards() throws Exception {
        shard(1, 2, Map.of("generated/prod/a/main.tf", "# a\n", "generated/prod/a/prewarm-plan.json",
                planFile("a", BRANCH + "-shard-1-of-2")), "- prod/a: UPDATED, peak 4 instances\n");
        shard(2, 2, Map.of("generated/prod/b/main.tf", "# b\n", "generated/prod/b/prewarm-plan.json",
                planFile("b", BRANCH + "-shard-2-of-2"), "generated/prod/old/x", "y\n"), "- prod/b: UPDATED, peak 5 instances\n- prod/c: NO_CHANGE\n");
    }

    @Test
    void disjointShardsBecomeOneCommitOnMainWhosePlanFilesRecordTheCombinedBranch() throws Exception {
        twoDisjointShards();
        RunSummary s = merge(null, false, 2);
        assertThat(s.published()).isTrue();
        assertThat(s.branch()).isEqualTo(BRANCH);
        RevCommit c = head(BRANCH);
        assertThat(c.getParentCount()).isEqualTo(1);
        assertThat(c.getParent(0).name()).isEqualTo(head("main").name());
        assertThat(read(BRANCH, "generated/prod/a/main.tf")).contains("# a\n");
        assertThat(read(BRANCH, "generated/prod/b/main.tf")).contains("# b\n");
        assertThat(read(BRANCH, "generated/prod/a/prewarm-plan.json")).contains(planFile("a", BRANCH));
        assertThat(read(BRANCH, "generated/prod/b/prewarm-plan.json")).contains(planFile("b", BRANCH));
        assertThat(c.getFullMessage()).startsWith("prewarm: plan 2026-11-28 for ")
                .contains("- prod/a: UPDATED, peak 4 instances\n", "- prod/b: UPDATED, peak 5 instances\n",
                        "- prod/c: NO_CHANGE\n", "Prewarm-Shard: 1/2 " + head(BRANCH + "-shard-1-of-2").name(),
                        "Prewarm-Shard: 2/2 " + head(BRANCH + "-shard-2-of-2").name());
        assertThat(s.services()).extracting(r -> r.key().toString()).containsExactly("prod/a", "prod/b", "prod/c");
    }

    @Test
    void rerunWithNothingChangedAnswersNoChangeAndPushesNoNewCommit() throws Exception {
        twoDisjointShards();
        RunSummary first = merge(null, false, 2);
        RunSummary again = merge(null, false, 2);
        assertThat(again.status()).isEqualTo(RunSummary.Status.NO_CHANGE);
        assertThat(again.published()).isFalse();
        assertThat(again.commit()).isEqualTo(first.commit());
        assertThat(head(BRANCH).name()).isEqualTo(first.commit().orElseThrow());
    }

    @Test
    void aMissingShardIsNamedAndNothingIsPushed() throws Exception {
        shard(1, 3, Map.of("generated/prod/a/main.tf", "# a\n"), "- prod/a: UPDATED\n");
        shard(3, 3, Map.of("generated/prod/c/main.tf", "# c\n"), "- prod/c: UPDATED\n");
        assertThatThrownBy(() -> merge(null, false, 3)).isInstanceOf(ShardMerge.ShardMergeException.class)
                .hasMessageStartingWith("merging shards: no branch for shard 2/3 (" + BRANCH + "-shard-2-of-3)")
                .hasMessageContaining("--allow-missing");
        assertThat(head(BRANCH)).isNull();
        RunSummary allowed = merge(null, true, 3);
        assertThat(allowed.published()).isTrue();
        assertThat(read(BRANCH, "generated/prod/c/main.tf")).contains("# c\n");
    }

    @Test
    void twoShardsChangingOneFileAreRefusedNamingBothAndThePath() throws Exception {
        shard(1, 2, Map.of("generated/prod/a/main.tf", "# a\n"), "- prod/a: UPDATED\n");
        shard(2, 2, Map.of("generated/prod/a/main.tf", "# a too\n"), "- prod/a: UPDATED\n");
        assertThatThrownBy(() -> merge(null, false, 2)).isInstanceOf(ShardMerge.ShardMergeException.class)
                .hasMessage("merging shards: shards 1/2 and 2/2 both change generated/prod/a/main.tf; shards must be "
                        + "disjoint (the same policies and the same n in every --shard i/n), run them again");
        assertThat(head(BRANCH)).isNull();
    }

    @Test
    void mainChangingAShardsFileAfterItPlannedIsRefusedAndOtherMainChangesAreRebasedOnto() throws Exception {
        twoDisjointShards();
        // an emergency commit on main after the shards planned, touching a file of shard 1
        try (Git g = Git.open(seed.toFile())) {
            g.checkout().setName("refs/remotes/origin/main").setForced(true).call();
            Files.createDirectories(seed.resolve("generated/prod/a"));
            Files.writeString(seed.resolve("generated/prod/a/main.tf"), "# emergency\n");
            Files.writeString(seed.resolve("notes.md"), "unrelated\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("emergency").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        assertThatThrownBy(() -> merge(null, false, 2)).isInstanceOf(ShardMerge.ShardMergeException.class)
                .hasMessageStartingWith("merging shards: main changed generated/prod/a/main.tf after shard 1/2 planned on ");
        // shard 1 planned again on the new main: shard 2 (untouched by main's change) is rebased onto it
        shard(1, 2, Map.of("generated/prod/a/main.tf", "# a\n"), "- prod/a: UPDATED\n");
        RunSummary s = merge(null, false, 2);
        assertThat(s.published()).isTrue();
        assertThat(head(BRANCH).getParent(0).name()).isEqualTo(head("main").name());
        assertThat(read(BRANCH, "notes.md")).contains("unrelated\n");
        assertThat(read(BRANCH, "generated/prod/b/main.tf")).contains("# b\n");
    }

    @Test
    void aSymbolicLinkOnAShardBranchIsRefused() throws Exception {
        try (Git g = Git.open(seed.toFile())) {
            g.checkout().setName("refs/remotes/origin/main").setForced(true).call();
            Files.createDirectories(seed.resolve("generated/prod"));
            Files.createSymbolicLink(seed.resolve("generated/prod/evil"), Path.of("/etc"));
            g.add().addFilepattern(".").call();
            g.commit().setMessage("link").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/" + BRANCH + "-shard-1-of-2").call();
        }
        shard(2, 2, Map.of("generated/prod/b/main.tf", "# b\n"), "- prod/b: UPDATED\n");
        assertThatThrownBy(() -> merge(null, false, 2)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("generated/prod/evil is a symbolic link");
        assertThat(head(BRANCH)).isNull();
    }

    @Test
    void oneMergeRequestIsOpenedAndTheShardsOwnAreClosedWithANoteNamingIt() throws Exception {
        twoDisjointShards();
        InMemoryMergeRequests forge = new InMemoryMergeRequests();
        MergeRequest s1 = forge.create(draft(BRANCH + "-shard-1-of-2"));
        MergeRequest s2 = forge.create(draft(BRANCH + "-shard-2-of-2"));
        RunSummary s = merge(forge, false, 2);
        assertThat(s.error()).isEmpty();
        assertThat(forge.open.values()).extracting(MergeRequest::sourceBranch).containsExactly(BRANCH);
        MergeRequest combined = forge.open.values().iterator().next();
        assertThat(combined.title()).isEqualTo("prewarm: capacity plan 2026-11-28 for 2 services");
        assertThat(combined.description()).contains("`" + BRANCH + "`", "| prod/a |", "| prod/b |", "| prod/c |");
        assertThat(forge.closedWithNote).containsOnlyKeys(s1.iid(), s2.iid());
        assertThat(forge.closedWithNote.get(s1.iid())).startsWith("Combined with the other shards into !"
                + combined.iid() + " (`" + BRANCH + "`, " + combined.webUrl() + ")");
        int writes = forge.writes.size();
        merge(forge, false, 2);
        assertThat(forge.writes).as("a rerun writes nothing to the forge").hasSize(writes);
    }

    private static io.prewarm.gitops.MergeRequestDraft draft(String branch) {
        return new io.prewarm.gitops.MergeRequestDraft(branch, "main", "shard", "text", List.of(), List.of(),
                List.of(), true);
    }
}
