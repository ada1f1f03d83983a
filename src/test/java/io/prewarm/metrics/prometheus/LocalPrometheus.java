package io.prewarm.metrics.prometheus;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the Debian package's binaries) started by a test on a free loopback port, with a data
 * directory backfilled by {@code promtool}. Nothing of the package's own service is used.
 */
final class LocalPrometheus implements AutoCloseable {
    /** Set to {@code true} (CI) to fail instead of skipping when the binaries are missing. */
    static final String REQUIRE_ENV = "PREWARM_REQUIRE_PROMETHEUS";

    private final Process process;
    private final URI baseUrl;
    private final Path log;

    private LocalPrometheus(Process process, URI baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    static Optional<Path> binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Why the test cannot run here, or empty when both binaries are present. */
    static Optional<String> unavailable() {
        if (binary("prometheus").isPresent() && binary("promtool").isPresent()) {
            return Optional.empty();
        }
        return Optional.of("prometheus and promtool are not on the PATH; install the Debian package"
                + " 'prometheus' (2.42) to run this test, or set " + REQUIRE_ENV + "=true to make its absence fail");
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
    }

    /** Backfills an OpenMetrics file into {@code dataDir} with promtool. */
    static void backfill(Path openMetrics, Path dataDir) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path out = Files.createTempFile("promtool", ".log");
        Process p = new ProcessBuilder(binary("promtool").orElseThrow().toString(), "tsdb", "create-blocks-from",
                "openmetrics", "--quiet", openMetrics.toString(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("backfilling " + openMetrics + ": promtool failed: " + Files.readString(out));
        }
    }

    /**
     * Starts Prometheus on {@code dataDir}. Retention is 100 years because Prometheus deletes blocks older
     * than retention relative to the newest block at startup; the tests use fixed dates in the past.
     */
    static LocalPrometheus start(Path dataDir) throws IOException, InterruptedException {
        Path config = dataDir.resolveSibling(dataDir.getFileName() + "-prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n"); // no scrape jobs: only backfilled data
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-prometheus.log");
        Process p = new ProcessBuilder(binary("prometheus").orElseThrow().toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dataDir,
                "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPrometheus prom = new LocalPrometheus(p, URI.create("http://127.0.0.1:" + port), log);
        prom.awaitReady();
        return prom;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("starting prometheus: exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUrl.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("starting prometheus: not ready after 60 s: " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    URI baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the process this object started (and only it). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
