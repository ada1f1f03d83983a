package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy.Aggregation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a timed test: reads 28 days at a 5-minute step for 200 series from a local real
 * Prometheus through {@link PrometheusMetricsSource}, and the same requests with a plain JDK HttpClient
 * loop that only downloads the bodies, alternating in the same JVM. Prints times, the ratio and peak RSS.
 * <pre>./mvnw -q -B test -Dtest=PrometheusReadBenchmark -Dprewarm.bench=true</pre>
 * Optional: {@code -Dprewarm.bench.rounds=9 -Dprewarm.bench.series=200 -DargLine=-Xmx256m}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "prewarm.bench", matches = "true")
class PrometheusReadBenchmark {
    static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);
    static final int POINTS = 28 * 288;
    static final TimeWindow WINDOW = new TimeWindow(T0, T0.plus(STEP.multipliedBy(POINTS)), STEP);
    static final String METRIC = "bench_requests_per_second";

    final int series = Integer.getInteger("prewarm.bench.series", 200);
    final int rounds = Integer.getInteger("prewarm.bench.rounds", 9);

    @Test
    void readTwoHundredSeriesSideBySideWithAPlainHttpLoop() throws Exception {
        LocalPrometheus.require();
        Path data = Path.of("target", "bench-prometheus", "data-" + series);
        if (!Files.exists(data.resolveSibling("data-" + series + ".complete"))) {
            long t = System.nanoTime();
            Path om = writeHistory(data.resolveSibling("history-" + series + ".om.txt"));
            LocalPrometheus.backfill(om, data);
            Files.writeString(data.resolveSibling("data-" + series + ".complete"), "");
            Files.delete(om);
            System.out.printf("bench: generated and backfilled %d series x %d points in %.1f s%n", series, POINTS,
                    (System.nanoTime() - t) / 1e9);
        }
        try (LocalPrometheus prom = LocalPrometheus.start(data)) {
            PrometheusConfig settings = PrometheusConfigs.defaults();
            int threads = settings.maxInFlight();
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < series; i++) {
                queries.add(METRIC + "{series=\"s" + i + "\"}");
            }
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try (PrometheusMetricsSource source = PrometheusMetricsSource.create(prom.baseUrl(), settings);
                 Transport rest = RestClientTransport.create(prom.baseUrl(), settings, Credentials.resolve(settings))) {
                // warm-up: JIT, connection pools, Prometheus' page cache
                long bytes = 0;
                long samples = 0;
                for (int w = 0; w < 3; w++) {
                    bytes = plainLoop(jdk, prom.baseUrl(), queries, pool);
                    samples = prewarmLoop(source, queries, pool);
                }
                System.out.printf("bench: %d series, %d samples, %.1f MB of JSON per pass, %d threads, %d rounds%n",
                        series, samples, bytes / 1e6, threads, rounds);
                double[] plain = new double[rounds];
                double[] ours = new double[rounds];
                double[] ratios = new double[rounds];
                double[] plainCpu = new double[rounds];
                double[] oursCpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    // alternate which side goes first, so drift in the machine's load favours neither
                    boolean plainFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean isPlain = (side == 0) == plainFirst;
                        long cpu = processCpuNanos();
                        long t = System.nanoTime();
                        if (isPlain) {
                            plainLoop(jdk, prom.baseUrl(), queries, pool);
                        } else {
                            prewarmLoop(source, queries, pool);
                        }
                        double ms = (System.nanoTime() - t) / 1e6;
                        double cpuMs = (processCpuNanos() - cpu) / 1e6;
                        if (isPlain) {
                            plain[r] = ms;
                            plainCpu[r] = cpuMs;
                        } else {
                            ours[r] = ms;
                            oursCpu[r] = cpuMs;
                        }
                    }
                    ratios[r] = ours[r] / plain[r];
                    System.out.printf("bench: round %d plain %.0f ms (client cpu %.0f ms), prewarm %.0f ms (client cpu"
                            + " %.0f ms), ratio %.2f%n", r + 1, plain[r], plainCpu[r], ours[r], oursCpu[r], ratios[r]);
                }
                System.out.printf("bench: median plain JDK HttpClient loop %.0f ms, PrometheusMetricsSource %.0f ms;"
                        + " median of paired ratios %.2f, ratio of best times %.2f (goal <= 1.2)%n", median(plain),
                        median(ours), median(ratios), min(ours) / min(plain));
                System.out.printf("bench: median client CPU per pass: plain %.0f ms, prewarm %.0f ms%n", median(plainCpu),
                        median(oursCpu));
                // diagnostic: the REST client alone (download, no parsing), to split the adapter's CPU
                double[] restCpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long cpu = processCpuNanos();
                    restOnlyLoop(rest, queries, pool);
                    restCpu[r] = (processCpuNanos() - cpu) / 1e6;
                }
                System.out.printf("bench: diagnostic: REST client alone, bodies not parsed: median client CPU %.0f ms%n",
                        median(restCpu));
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("bench: peak RSS of the test JVM (Quarkus test app, WireMock-free) %d MB, heap used"
                        + " after GC %d MB, JVM max heap %d MB; prometheus RSS %d MB%n", peakRssKb() / 1024,
                        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rt.maxMemory() / (1024 * 1024),
                        prom.rssMb());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Path writeHistory(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Random rnd = new Random(7);
        List<OpenMetricsWriter.Series> all = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            double[] v = new double[POINTS];
            double base = 50 + rnd.nextDouble() * 500;
            for (int i = 0; i < POINTS; i++) {
                double daily = Math.sin(2 * Math.PI * i / 288);
                v[i] = Math.round((base * (1 + 0.5 * daily) + rnd.nextGaussian() * base * 0.05) * 1000) / 1000.0;
            }
            all.add(new OpenMetricsWriter.Series(METRIC, Map.of("series", "s" + s), new TimeSeries(T0, STEP, v)));
        }
        try (Writer w = Files.newBufferedWriter(file)) {
            OpenMetricsWriter.write(w, all, OpenMetricsWriter.Missing.SKIP);
        }
        return file;
    }

    /** The same POSTs as the adapter, bodies downloaded and not parsed. */
    private static long plainLoop(HttpClient http, URI base, List<String> queries, ExecutorService pool) throws Exception {
        AtomicLong bytes = new AtomicLong();
        String tail = "&start=" + Grid.seconds(T0.toEpochMilli())
                + "&end=" + Grid.seconds(T0.toEpochMilli() + (POINTS - 1) * STEP.toMillis())
                + "&step=" + Grid.seconds(STEP.toMillis()) + "&timeout=60";
        URI uri = base.resolve("/api/v1/query_range");
        run(pool, queries, q -> {
            HttpRequest req = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + tail))
                    .build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            bytes.addAndGet(r.body().length);
            return null;
        });
        return bytes.get();
    }

    private static void restOnlyLoop(Transport rest, List<String> queries, ExecutorService pool) throws Exception {
        String start = Grid.seconds(T0.toEpochMilli());
        String end = Grid.seconds(T0.toEpochMilli() + (POINTS - 1) * STEP.toMillis());
        String step = Grid.seconds(STEP.toMillis());
        run(pool, queries, q -> {
            if (rest.queryRange(q, start, end, step, "60").status() != 200) {
                throw new IOException("not 200");
            }
            return null;
        });
    }

    private static long prewarmLoop(PrometheusMetricsSource source, List<String> queries, ExecutorService pool)
            throws Exception {
        AtomicLong samples = new AtomicLong();
        ServiceKey key = ServiceKey.of("bench", "series");
        run(pool, queries, q -> {
            FetchResult r = source.fetch(key, q, Aggregation.NONE, WINDOW);
            samples.addAndGet(r.report().points() - r.report().missingSamples());
            return null;
        });
        return samples.get();
    }

    interface Task {
        Void call(String query) throws Exception;
    }

    private static void run(ExecutorService pool, List<String> queries, Task task) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        for (String q : queries) {
            Callable<Void> c = () -> task.call(q);
            futures.add(pool.submit(c));
        }
        for (Future<Void> f : futures) {
            f.get();
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long peakRssKb() {
        return statusKb("/proc/self/status", "VmHWM:");
    }

    private static long statusKb(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
