package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.gitops.PipelineTrigger;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.pipeline.PlanFile;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.render.PlanFixtures;
import io.prewarm.render.Renderers;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real bare GitOps repository on disk, seeded with the plan file and Terraform of prod/checkout (as a
 * plan run leaves them), and helpers to read what the emergency service committed.
 */
final class GitOpsRepo {
    static final PersonIdent ME = new PersonIdent("sre", "sre@example.org");
    static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");

    final Path remote;

    GitOpsRepo(Path tmp) throws Exception {
        remote = tmp.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            CapacityPlan plan = plan();
            Path dir = seed.resolve("generated/prod/checkout");
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : new Renderers().forKind(TargetKind.AWS_ASG).render(plan).files().entrySet()) {
                Path p = seed.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            Files.writeString(seed.resolve(PlanFile.path(CHECKOUT)), PlanFile.write(plan));
            g.add().addFilepattern(".").call();
            g.commit().setMessage("plan").setAuthor(ME).setCommitter(ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    /** Commits one file straight to main, as a plan run's merge would. */
    void commit(String path, String content, String message) throws Exception {
        Path work = remote.resolveSibling("work-" + System.nanoTime());
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(work.toFile()).call()) {
            Path p = work.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            g.add().addFilepattern(path).call();
            g.commit().setMessage(message).setAuthor(ME).setCommitter(ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    /** A plan for prod/checkout: policy max 80, safety cap 60, floor 4. */
    static CapacityPlan plan() {
        return PlanFixtures.plan("prod", "checkout", new Target(TargetKind.AWS_ASG, "checkout-prod",
                Map.of("region", "us-east-1")), PlanFixtures.weekdayActions(PlanFixtures.BERLIN));
    }

    static List<ServicePolicy> policies() {
        return new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(Path.of("policies"));
    }

    JGitWorkspace open() {
        return JGitWorkspace.open(remote.toString(), "main", new PersonIdent("prewarm", "prewarm@localhost"));
    }

    void start(EmergencyService service, Clock clock) {
        service.start(open(), "main", policies(), InstanceCounter.none(), PipelineTrigger.none("not configured in tests"),
                clock, EmergencyService.randomIds(), 5, 0);
    }

    List<RevCommit> log() throws Exception {
        List<RevCommit> out = new ArrayList<>();
        try (Git g = Git.open(remote.toFile())) {
            g.log().call().forEach(out::add);
        }
        return out;
    }

    Optional<String> file(String path) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            RevCommit c = g.getRepository().parseCommit(g.getRepository().resolve("refs/heads/main"));
            try (TreeWalk tw = TreeWalk.forPath(g.getRepository(), path, c.getTree())) {
                return tw == null ? Optional.empty()
                        : Optional.of(new String(g.getRepository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
