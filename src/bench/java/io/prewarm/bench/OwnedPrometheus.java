package io.prewarm.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus the benchmark starts on a free loopback port over a data folder backfilled with
 * {@code promtool}, and always stops: on {@link #close()}, and from a shutdown hook if the JVM is
 * interrupted first. Binaries come from the PATH.
 */
public final class OwnedPrometheus implements AutoCloseable {
    private final Process process;
    private final URI baseUrl;
    private final Path log;
    private final Thread hook;

    private OwnedPrometheus(Process process, URI baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.hook = new Thread(process::destroyForcibly, "prewarm-bench-prometheus-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The binary on the PATH, or a clear error naming what is missing. */
    public static Path binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("finding " + name + ": not on the PATH; the fleet benchmark needs the"
                + " Prometheus binaries prometheus and promtool (Debian package 'prometheus', 2.42 or newer)");
    }

    /**
     * Backfills every file into {@code dataDir}, {@code parallel} promtool processes at a time, deleting each
     * file once its blocks are written (the text is only disk space then).
     */
    public static void backfill(List<Path> files, Path dataDir, int parallel) throws IOException, InterruptedException {
        backfill(files, dataDir, parallel, true);
    }

    /** As {@link #backfill(List, Path, int)}, keeping the files when {@code deleteInput} is false. */
    public static void backfill(List<Path> files, Path dataDir, int parallel, boolean deleteInput)
            throws IOException, InterruptedException {
        Path promtool = binary("promtool");
        Files.createDirectories(dataDir);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Path f : files) {
                done.add(pool.submit(() -> {
                    backfillOne(promtool, f, dataDir, deleteInput);
                    return null;
                }));
            }
            for (Future<Void> d : done) {
                try {
                    d.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void backfillOne(Path promtool, Path file, Path dataDir, boolean deleteInput)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dataDir.getParent(), "promtool", ".log");
        Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", "--quiet",
                file.toString(), dataDir.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("backfilling " + file.getFileName() + ": promtool failed: " + tail(out));
            }
        } finally {
            p.destroyForcibly();
        }
        Files.deleteIfExists(out);
        if (deleteInput) {
            Files.delete(file); // the block holds the samples now; the text is only disk space
        }
    }

    /**
     * Starts Prometheus on {@code dataDir} and waits until it is ready. Retention is 100 years so the
     * backfilled past is kept; the block range is pinned to two hours so no compaction runs while the
     * benchmark measures (queries read the 336 backfilled blocks as promtool wrote them).
     */
    public static OwnedPrometheus start(Path dataDir, Duration readyWithin) throws IOException, InterruptedException {
        Path binary = binary("prometheus");
        Path config = dataDir.resolveSibling("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n"); // no scrape jobs: only backfilled data
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolveSibling("prometheus.log");
        // started through a link of its own name, so that scripts stopping "prometheus" by name on a shared
        // machine (.ci/run does, for the Debian package's service) leave the benchmark's server alone
        Path named = dataDir.resolveSibling("prewarm-bench-prometheus");
        Files.deleteIfExists(named);
        Files.createSymbolicLink(named, binary);
        Process p = new ProcessBuilder(named.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dataDir,
                "--storage.tsdb.retention.time=100y", "--storage.tsdb.min-block-duration=2h",
                "--storage.tsdb.max-block-duration=2h", "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OwnedPrometheus prom = new OwnedPrometheus(p, URI.create("http://127.0.0.1:" + port), log);
        try {
            prom.awaitReady(readyWithin);
        } catch (IOException | InterruptedException | RuntimeException e) {
            prom.close();
            throw e;
        }
        return prom;
    }

    private void awaitReady(Duration within) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("starting prometheus: exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUrl.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("starting prometheus: not ready after " + within.toSeconds() + " s: " + tail(log));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Fails when the server is gone (it crashed or something stopped it), so numbers measured against a
     * dead server are never reported as if they were real.
     */
    public void checkAlive(String during) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("prometheus exited with " + process.exitValue() + " during " + during
                    + "; the numbers are void: " + tail(log));
        }
    }

    /** Resident memory of the Prometheus process in MiB, when /proc tells. */
    public Optional<Long> rssMb() {
        return ProcStatus.kilobytes(Path.of("/proc", Long.toString(process.pid()), "status"), "VmRSS")
                .map(kb -> kb / 1024);
    }

    /** Stops the process this object started (and only it). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway and finds the process gone
        }
    }
}
