package io.prewarm.telemetry;

import io.prewarm.testing.Tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A real Pushgateway process on a free loopback port, for one test class. */
final class Gateway implements AutoCloseable {
    final URI url;
    private final Process process;
    private final Path log;

    private Gateway(URI url, Process process, Path log) {
        this.url = url;
        this.process = process;
        this.log = log;
    }

    /** Starts the gateway (the calling test skips when the binary is absent) and waits until it is ready. */
    static Gateway start() throws Exception {
        Path binary = Tools.requireAny("pushgateway", "apt-get install prometheus-pushgateway", "prometheus-pushgateway",
                "pushgateway");
        int port = freePort();
        Path log = Files.createTempFile("pushgateway", ".log");
        // An empty persistence file keeps metrics in memory; Debian's build defaults to a shared file
        // under /var/lib/prometheus, which would carry groups from one test run into the next.
        Process p = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gateway g = new Gateway(URI.create("http://127.0.0.1:" + port), p, log);
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (g.get("/-/ready").statusCode() == 200) {
                    return g;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline) || !p.isAlive()) {
                String out = Files.readString(log);
                g.close();
                throw new IllegalStateException("starting pushgateway: not ready after 20 s: " + out);
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's own exposition (every pushed group). */
    Scrape scrape() throws IOException, InterruptedException {
        return Scrape.parse(get("/metrics").body());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
