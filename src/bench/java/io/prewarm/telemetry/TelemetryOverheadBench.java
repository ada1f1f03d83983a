package io.prewarm.telemetry;

import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.pipeline.PlanRun;
import io.prewarm.pipeline.RunListener;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.Stages;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Not a test: prints what telemetry costs a demo plan run, side by side with a run without it.
 * {@code ./mvnw -q test-compile exec:java} is not wired; run it with
 * {@code ./mvnw -q -B test -Dtest=TelemetryOverheadBench -Dprewarm.bench=true}.
 */
class TelemetryOverheadBench {
    @org.junit.jupiter.api.Test
    void printOverhead() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("prewarm.bench"),
                "benchmark: run with -Dprewarm.bench=true");
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        List<ServicePolicy> policies = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(Path.of("policies"));
        Stages stages = new io.prewarm.cli.Wiring().stages(new io.prewarm.cli.MetricsSpec.Demo());
        PlanRun.Options options = new PlanRun.Options(now, true, 2, false);
        new PlanRun(stages).run(policies, new MemoryWorkspace(), options); // warm-up
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            new PlanRun(stages, RunListener.NONE).run(policies, new MemoryWorkspace(), options);
            long bare = System.nanoTime() - t0;
            Path dir = Files.createTempDirectory("bench");
            Telemetry t = Telemetry.create(TelemetryConfigs.in(dir), new PrometheusRegistry(), Clock.systemUTC());
            PlanTelemetry observer = t.planRun();
            Timed timed = new Timed(observer);
            long t1 = System.nanoTime();
            RunSummary s = new PlanRun(stages, timed).run(policies, new MemoryWorkspace(), options);
            long t2 = System.nanoTime();
            t.export(observer);
            long t3 = System.nanoTime();
            System.out.printf("round %d: services=%d; run without telemetry %.0f ms, with %.0f ms; inside telemetry "
                            + "callbacks %.1f ms (%.1f%% of the run; runFinished %.1f ms: %d audit lines, state %d "
                            + "bytes); export to file %.1f ms%n", round, s.services().size(), bare / 1e6,
                    (t2 - t1) / 1e6, timed.total / 1e6, 100.0 * timed.total / (t2 - t1), timed.finished / 1e6,
                    Files.readAllLines(dir.resolve(".prewarm/audit.jsonl")).size(),
                    Files.size(dir.resolve(".prewarm/state.json")), (t3 - t2) / 1e6);
        }
    }

    /** Measures the time spent inside the observer's callbacks, which is what telemetry adds to a run. */
    static final class Timed implements RunListener {
        final RunListener inner;
        volatile long total;
        volatile long finished;

        Timed(RunListener inner) {
            this.inner = inner;
        }

        private synchronized void add(long nanos) {
            total += nanos;
        }

        @Override
        public void stageFinished(io.prewarm.common.ServiceKey key, Stage stage, Duration elapsed) {
            long t = System.nanoTime();
            inner.stageFinished(key, stage, elapsed);
            add(System.nanoTime() - t);
        }

        @Override
        public void overridesRead(io.prewarm.common.ServiceKey key, io.prewarm.override.ServiceOverrides active) {
            long t = System.nanoTime();
            inner.overridesRead(key, active);
            add(System.nanoTime() - t);
        }

        @Override
        public void servicePlanned(io.prewarm.common.ServiceKey key, io.prewarm.metrics.TimeSeries history,
                                   io.prewarm.forecast.Forecast forecast, io.prewarm.plan.CapacityPlan plan) {
            long t = System.nanoTime();
            inner.servicePlanned(key, history, forecast, plan);
            add(System.nanoTime() - t);
        }

        @Override
        public void published(io.prewarm.gitops.PublishResult result) {
            long t = System.nanoTime();
            inner.published(result);
            add(System.nanoTime() - t);
        }

        @Override
        public void runFinished(RunSummary summary, Duration elapsed) {
            long t = System.nanoTime();
            inner.runFinished(summary, elapsed);
            finished = System.nanoTime() - t;
            add(finished);
        }
    }
}
