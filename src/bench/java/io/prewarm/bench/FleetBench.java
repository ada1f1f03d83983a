package io.prewarm.bench;

import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.gitops.ChurnControl;
import io.prewarm.gitops.jgit.JGitWorkspace;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunListener.Stage;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.pipeline.Shard;
import io.prewarm.pipeline.Stages;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The whole fleet benchmark for one fleet size: generate, backfill into a Prometheus it owns, time one
 * {@code plan --dry-run} over the fleet, then time Prometheus alone on the same reads. Prints one
 * {@code key=value} line per phase and ends with the summary line
 * {@code fleet services=N wall_s=... plan_s=... prometheus_s=... peak_rss_mb=...}.
 */
public final class FleetBench {
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final Duration HISTORY = Duration.ofDays(28);

    /**
     * @param services    fleet size
     * @param seed        generator seed; service {@code i} is the same for every fleet size
     * @param now         planning instant (a two-hour boundary, so history files align with blocks)
     * @param parallelism services planned at once, as {@code plan --parallelism}
     * @param workDir     where the fleet's files and Prometheus' data go (a fresh temporary folder if empty)
     * @param keep        keep the work folder afterwards
     * @param maxPoints   the Prometheus adapter's points per request (its chunking, repeated by the replay)
     * @param readTimeout the Prometheus adapter's read timeout (sent as the query timeout, like the adapter)
     */
    public record Options(int services, long seed, Instant now, int parallelism, Optional<Path> workDir, boolean keep,
                          int maxPoints, Duration readTimeout) {
        public Options {
            if (services < 1) {
                throw new IllegalArgumentException("--services must be at least 1, got " + services);
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
            }
            Objects.requireNonNull(now, "now");
            if (now.getEpochSecond() % HistoryFiles.BLOCK.getSeconds() != 0) {
                throw new IllegalArgumentException("--now must fall on a two-hour boundary (UTC), got " + now);
            }
        }
    }

    /** The summary numbers. */
    public record Result(int services, double wallSeconds, double planSeconds, double prometheusSeconds,
                         long peakRssMb, long failed) {
        public String line() {
            return String.format(Locale.ROOT, "fleet services=%d wall_s=%.1f plan_s=%.1f prometheus_s=%.1f peak_rss_mb=%d",
                    services, wallSeconds, planSeconds, prometheusSeconds, peakRssMb);
        }
    }

    private final Function<String, Stages> stages;
    private final PrintStream out;

    /**
     * @param stages the plan run's stages for a metrics source ({@code plan --metrics URL}), as the CLI wires them
     * @param out    where the phase lines go
     */
    public FleetBench(Function<String, Stages> stages, PrintStream out) {
        this.stages = Objects.requireNonNull(stages, "stages");
        this.out = Objects.requireNonNull(out, "out");
    }

    public Result run(Options o) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        OwnedPrometheus.binary("prometheus"); // fail before generating anything
        OwnedPrometheus.binary("promtool");
        Path work = o.workDir().isPresent() ? Files.createDirectories(o.workDir().get())
                : Files.createTempDirectory("prewarm-bench-fleet-");
        try {
            Path policies = work.resolve("policies");
            Path tsdb = work.resolve("tsdb");
            List<Path> files = generate(o, policies, work.resolve("history"));
            long t1 = System.nanoTime();
            OwnedPrometheus.backfill(files, tsdb, 2);
            long t2 = System.nanoTime();
            out.printf(Locale.ROOT, "fleet backfill blocks=%d seconds=%.1f%n", files.size(), (t2 - t1) / 1e9);
            try (OwnedPrometheus prometheus = OwnedPrometheus.start(tsdb, Duration.ofMinutes(5))) {
                out.printf(Locale.ROOT, "fleet prometheus url=%s ready_s=%.1f%n", prometheus.baseUrl(),
                        (System.nanoTime() - t2) / 1e9);
                Path repo = emptyRepository(work.resolve("repo"));
                List<ServicePolicy> loaded = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(policies);
                Plan plan = plan(o, loaded, repo, prometheus.baseUrl());
                prometheus.checkAlive("the plan stage");
                QueryLog.Replay replay = QueryLog.replay(prometheus.baseUrl(), plan.reads(), o.maxPoints(),
                        o.readTimeout());
                prometheus.checkAlive("the replay");
                out.printf(Locale.ROOT, "fleet replay requests=%d seconds=%.1f mb=%.1f failures=%d prometheus_rss_mb=%s%n",
                        replay.requests(), replay.seconds(), replay.bytes() / 1e6, replay.failures(),
                        prometheus.rssMb().map(String::valueOf).orElse("-"));
                Result r = new Result(o.services(), (System.nanoTime() - t0) / 1e9, plan.seconds(), replay.seconds(),
                        plan.peakRssMb(), plan.failed());
                out.println(r.line());
                return r;
            }
        } finally {
            if (!o.keep()) {
                deleteTree(work);
            }
        }
    }

    private List<Path> generate(Options o, Path policies, Path history) throws IOException {
        long t = System.nanoTime();
        Files.createDirectories(policies);
        SyntheticFleet fleet = new SyntheticFleet(o.seed());
        Instant start = o.now().minus(HISTORY);
        long samples;
        List<Path> files;
        try (HistoryFiles hf = new HistoryFiles(history, start, o.now(), STEP)) {
            for (int i = 0; i < o.services(); i++) {
                SyntheticFleet.Service s = fleet.service(i);
                Files.writeString(policies.resolve(s.name() + ".yaml"), SyntheticFleet.policyYaml(s),
                        StandardCharsets.UTF_8);
                hf.write(s, s.demand(start, STEP, hf.points()));
            }
            samples = hf.samples();
            files = hf.files();
        }
        out.printf(Locale.ROOT, "fleet generate services=%d samples=%d seconds=%.1f%n", o.services(), samples,
                (System.nanoTime() - t) / 1e9);
        return files;
    }

    private record Plan(double seconds, long peakRssMb, long failed, List<QueryLog.Read> reads) {
    }

    /**
     * {@code plan --dry-run --metrics URL} over the fleet, in this JVM: clone, read, forecast, plan, render,
     * diff. No merge request description is printed (it would only measure the terminal). Peak RSS is the
     * JVM's high-water mark over this stage alone: it is reset (after a GC) right before it.
     */
    private Plan plan(Options o, List<ServicePolicy> policies, Path repo, URI prometheus) {
        Stages wired = stages.apply(prometheus.toString());
        QueryLog log = new QueryLog(wired.metrics());
        Stages s = new Stages(log, wired.forecaster(), wired.planner(), wired.renderers(), wired.holidays(),
                wired.normalPeak(), wired.alertRules());
        StageClock clock = new StageClock();
        System.gc();
        boolean reset = ProcStatus.resetPeak();
        long rssBefore = ProcStatus.rssMb().orElse(-1L);
        long cpu0 = ProcStatus.cpuNanos();
        long gc0 = ProcStatus.gcMillis();
        long t = System.nanoTime();
        RunSummary summary;
        try (JGitWorkspace ws = JGitWorkspace.open(repo.toString(), "main",
                new PersonIdent("prewarm bench", "bench@prewarm.invalid"))) {
            summary = new PlanRun(s, ChurnControl.defaults(), Optional.empty(), clock).run(policies, ws,
                    new PlanRun.Options(o.now(), true, o.parallelism(), false, Shard.ALL, false));
        } finally {
            if (wired.metrics() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing an HTTP client loses nothing measured
                }
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        double cpu = (ProcStatus.cpuNanos() - cpu0) / 1e9;
        double gc = (ProcStatus.gcMillis() - gc0) / 1e3;
        long peak = reset ? ProcStatus.peakMb().orElse(-1L) : -1L;
        System.gc(); // what the run still holds at its end: results, plans, the diff
        Runtime rt = Runtime.getRuntime();
        long liveMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long failed = summary.count(ServiceResult.Status.FAILED);
        out.printf(Locale.ROOT, "fleet plan services=%d updated=%d failed=%d parallelism=%d seconds=%.1f"
                        + " per_service_ms=%.1f cpu_s=%.1f cpu_per_service_ms=%.1f gc_s=%.1f heap_max_mb=%d"
                        + " rss_before_mb=%d peak_rss_mb=%d heap_live_at_end_mb=%d diff_mb=%.1f%n",
                policies.size(), summary.count(ServiceResult.Status.UPDATED), failed, o.parallelism(), seconds,
                seconds * 1000 / policies.size(), cpu, cpu * 1000 / policies.size(), gc,
                rt.maxMemory() >> 20, rssBefore, peak, liveMb,
                summary.diff().map(String::length).orElse(0) / 1e6);
        out.printf(Locale.ROOT, "fleet stages thread_s read=%.1f forecast=%.1f plan=%.1f render=%.1f overrides=%.1f%n",
                clock.seconds(Stage.HISTORY), clock.seconds(Stage.FORECAST), clock.seconds(Stage.PLAN),
                clock.seconds(Stage.RENDER), clock.seconds(Stage.OVERRIDES));
        summary.services().stream().filter(r -> r.status() == ServiceResult.Status.FAILED).limit(5)
                .forEach(r -> out.println("fleet failed service=" + r.key() + ": " + r.message()));
        return new Plan(seconds, peak, failed, log.reads());
    }

    /** A repository with one empty commit on {@code main}: what the dry run compares against. */
    private static Path emptyRepository(Path dir) throws IOException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("README.md"), "prewarm bench fleet GitOps repository\n");
            git.add().addFilepattern("README.md").call();
            PersonIdent who = new PersonIdent("prewarm bench", "bench@prewarm.invalid");
            git.commit().setMessage("empty GitOps repository").setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("creating the benchmark's GitOps repository: " + e.getMessage(), e);
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
