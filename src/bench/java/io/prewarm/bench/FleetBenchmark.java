package io.prewarm.bench;

import io.prewarm.cli.Wiring;
import io.prewarm.cli.MetricsSpec;
import io.prewarm.metrics.prometheus.PrometheusConfig;
import io.prewarm.metrics.prometheus.PrometheusSourceFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet benchmark (docs/fleet.md), run by Maven in a Quarkus test JVM with the command line's own
 * {@link Wiring} (the Prometheus client needs the Quarkus runtime), never shipped:
 * <pre>
 * OPENBLAS_NUM_THREADS=1 ./mvnw -B -q test -Dtest=FleetBenchmark -Dfleet.services=1000 -DargLine=-Xmx640m
 * </pre>
 * Options as system properties: {@code fleet.services} (20), {@code fleet.seed} (42), {@code fleet.now}
 * (2026-11-23T00:00:00Z, a two-hour boundary), {@code fleet.parallelism} (4, as {@code plan --parallelism}),
 * {@code fleet.workDir} (a temporary folder), {@code fleet.keep} (false). {@code prewarm.prometheus.*} settings
 * apply as for {@code plan}. Prints one line per phase and ends with
 * {@code fleet services=N wall_s=... plan_s=... prometheus_s=... peak_rss_mb=...}; fails when a service failed.
 */
@QuarkusTest
class FleetBenchmark {

    @Inject
    Wiring wiring;

    @Inject
    PrometheusSourceFactory prometheus;

    @Test
    void printsTheFleetNumbersAndEveryServicePlans() throws Exception {
        PrometheusConfig settings = prometheus.settings();
        FleetBench.Options options = new FleetBench.Options(Integer.getInteger("fleet.services", 20),
                Long.getLong("fleet.seed", 42), OffsetDateTime.parse(
                        System.getProperty("fleet.now", "2026-11-23T00:00:00Z")).toInstant(),
                Integer.getInteger("fleet.parallelism", 4),
                Optional.ofNullable(System.getProperty("fleet.workDir")).map(Path::of),
                Boolean.getBoolean("fleet.keep"), settings.maxPointsPerRequest(), settings.readTimeout());
        FleetBench.Result r = new FleetBench(url -> wiring.stages(new MetricsSpec.Url(URI.create(url))), System.out).run(options);
        assertThat(r.failed()).as("services whose plan failed (see the 'fleet failed' lines)").isZero();
    }
}
