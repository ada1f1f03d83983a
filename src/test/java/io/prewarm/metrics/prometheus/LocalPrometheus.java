package io.prewarm.metrics.prometheus;

import io.prewarm.cli.bench.OwnedPrometheus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Prometheus (the Debian package's binaries) started by a test on a free loopback port, with a data
 * directory backfilled by {@code promtool}. Nothing of the package's own service is used. Starting,
 * backfilling and stopping are {@link OwnedPrometheus}'s, the server {@code prewarm bench fleet} runs;
 * this adds only whether a test may skip when the binaries are missing.
 */
final class LocalPrometheus implements AutoCloseable {
    /** Set to {@code true} (CI) to fail instead of skipping when the binaries are missing. */
    static final String REQUIRE_ENV = "PREWARM_REQUIRE_PROMETHEUS";

    private final OwnedPrometheus server;

    private LocalPrometheus(OwnedPrometheus server) {
        this.server = server;
    }

    /** Why the test cannot run here, or empty when both binaries are present. */
    static Optional<String> unavailable() {
        try {
            OwnedPrometheus.binary("prometheus");
            OwnedPrometheus.binary("promtool");
            return Optional.empty();
        } catch (IllegalStateException missing) {
            return Optional.of("prometheus and promtool are not on the PATH; install the Debian package"
                    + " 'prometheus' (2.42) to run this test, or set " + REQUIRE_ENV + "=true to make its absence fail");
        }
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
    }

    /** Backfills an OpenMetrics file into {@code dataDir} with promtool; the file is kept. */
    static void backfill(Path openMetrics, Path dataDir) throws IOException, InterruptedException {
        OwnedPrometheus.backfill(List.of(openMetrics), dataDir, 1, false);
    }

    /**
     * Starts Prometheus on {@code dataDir} (its config and log go beside it). Retention is 100 years because
     * Prometheus deletes blocks older than retention relative to the newest block at startup; the tests
     * use fixed dates in the past.
     */
    static LocalPrometheus start(Path dataDir) throws IOException, InterruptedException {
        return new LocalPrometheus(OwnedPrometheus.start(dataDir, Duration.ofSeconds(60)));
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    /** Resident memory of the server in MiB, or -1 when /proc does not tell. */
    long rssMb() {
        return server.rssMb().orElse(-1L);
    }

    /** Stops the process this object started (and only it). */
    @Override
    public void close() {
        server.close();
    }
}
