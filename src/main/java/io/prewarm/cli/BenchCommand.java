package io.prewarm.cli;

import io.prewarm.cli.bench.FleetBench;
import io.prewarm.metrics.prometheus.PrometheusConfig;
import io.prewarm.metrics.prometheus.PrometheusSourceFactory;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Benchmarks that print numbers (not timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print numbers.",
        subcommands = BenchCommand.Fleet.class)
public class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** {@code prewarm bench fleet --services N}. */
    @Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Generate N synthetic services (policies and 28 days of 5-minute history), backfill them "
                    + "into a Prometheus this command starts and stops (prometheus and promtool from the PATH), "
                    + "time 'plan --dry-run' over them, then time Prometheus alone on the same queries.",
                    "Ends with: fleet services=N wall_s=... plan_s=... prometheus_s=... peak_rss_mb=..."})
    public static class Fleet implements Callable<Integer> {

        @Option(names = "--services", paramLabel = "N", required = true, description = "Fleet size.")
        int services;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
                description = "Generator seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--now", paramLabel = "ISO-8601", defaultValue = "2026-11-23T00:00:00Z",
                converter = Converters.InstantValue.class,
                description = "Planning instant, on a two-hour boundary (default: ${DEFAULT-VALUE}).")
        Instant now;

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
                description = "Services planned at once, as plan --parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "Folder for the fleet's files and Prometheus' data (default: a temporary folder).")
        Path workDir;

        @Option(names = "--keep", description = "Keep the work folder afterwards.")
        boolean keep;

        @Inject
        Wiring wiring;

        @Inject
        PrometheusSourceFactory prometheus;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (services < 1 || services > 100_000) {
                throw new InvalidInputException("--services: " + services + " is out of range [1, 100000]");
            }
            if (parallelism < 1 || parallelism > 256) {
                throw new InvalidInputException("--parallelism: " + parallelism + " is out of range [1, 256]");
            }
            PrometheusConfig settings = prometheus.settings();
            FleetBench.Options options;
            try {
                options = new FleetBench.Options(services, seed, now, parallelism, Optional.ofNullable(workDir), keep,
                        settings.maxPointsPerRequest(), settings.readTimeout());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            FleetBench.Result r = new FleetBench(url -> wiring.stages(MetricsSpec.url(url)), System.out).run(options);
            return r.failed() == 0 ? 0 : PrewarmCommand.EXIT_FAILURE;
        }
    }
}
