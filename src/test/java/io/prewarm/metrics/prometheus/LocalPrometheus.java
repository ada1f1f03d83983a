package io.prewarm.metrics.prometheus;

import io.prewarm.bench.OwnedPrometheus;
import io.prewarm.testing.Tools;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (the Debian package's binaries) started by a test on a free loopback port, with a data
 * directory backfilled by {@code promtool}. Nothing of the package's own service is used. Starting,
 * backfilling and stopping are {@link OwnedPrometheus}'s, the server the fleet benchmark runs (src/bench);
 * this adds only that a test without the binaries skips (fails with {@code -Dprewarm.requireTools=true}).
 */
final class LocalPrometheus implements AutoCloseable {
    private final OwnedPrometheus server;

    private LocalPrometheus(OwnedPrometheus server) {
        this.server = server;
    }

    /** Skips the calling test (fails it with tools required) unless prometheus and promtool are on the PATH. */
    static void require() {
        Tools.require("prometheus", "apt-get install prometheus (2.42 or newer)");
        Tools.require("promtool", "apt-get install prometheus (2.42 or newer)");
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
