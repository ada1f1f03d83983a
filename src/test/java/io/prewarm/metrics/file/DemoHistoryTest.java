package io.prewarm.metrics.file;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsException;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoHistoryTest {
    static final List<ServicePolicy> POLICIES = new PolicyLoader(Set.of("US", "DE", "JP", "GB")).loadAll(Path.of("policies"));

    private static ServicePolicy policy(String service) {
        return POLICIES.stream().filter(p -> p.key().service().value().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void theBundledFilesAreExactlyWhatTheGeneratorMakes() throws Exception {
        for (DemoHistoryGenerator.Profile p : DemoHistoryGenerator.PROFILES) {
            String resource = DemoHistory.resource(p.key());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(DemoHistory.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
                String bundled = in.lines().collect(Collectors.joining("\n", "", "\n"));
                assertThat(bundled).as(resource).isEqualTo(DemoHistoryGenerator.csv(p));
            }
        }
        assertThat(List.of(DemoHistoryGenerator.PROFILES)).extracting(DemoHistoryGenerator.Profile::key)
                .containsExactlyInAnyOrderElementsOf(DemoHistory.SERVICES);
    }

    @Test
    void everyExamplePolicyHasDemoHistoryOfFourWeeksAtFiveMinutes() {
        assertThat(POLICIES).extracting(ServicePolicy::key).containsExactlyInAnyOrderElementsOf(DemoHistory.SERVICES);
        for (DemoHistory.Series s : DemoHistory.all()) {
            assertThat(s.values().size()).isEqualTo(28 * 288);
            assertThat(s.values().step()).isEqualTo(Duration.ofMinutes(5));
            assertThat(s.values().missing()).as("incident gap").isBetween(1, 60);
            assertThat(s.labels()).containsEntry("service", s.service()).containsEntry("environment", s.environment());
        }
    }

    @Test
    void theDemoHasADailyAndWeeklyShapeAndAHoliday() {
        TimeSeries checkout = DemoHistory.find(ServiceKey.of("prod", "checkout")).orElseThrow().values();
        // New York: 04:00 local is quiet, 12:00 local is busy (2026-11-17 is a Tuesday, EST = UTC-5)
        double night = checkout.value(index(checkout, "2026-11-17T09:00:00Z"));
        double noon = checkout.value(index(checkout, "2026-11-17T17:00:00Z"));
        assertThat(noon).isGreaterThan(3 * night);
        double sundayNoon = checkout.value(index(checkout, "2026-11-15T17:00:00Z"));
        assertThat(sundayNoon).isLessThan(0.85 * noon);
        double thanksgivingNoon = checkout.value(index(checkout, "2026-11-26T17:00:00Z"));
        double weekBeforeNoon = checkout.value(index(checkout, "2026-11-19T17:00:00Z"));
        assertThat(thanksgivingNoon).isLessThan(0.7 * weekBeforeNoon);
    }

    @Test
    void theSourceServesTheWindowOnItsGridAndRepeatsTheFourWeeksOutsideIt() {
        DemoMetricsSource source = new DemoMetricsSource();
        Instant end = DemoHistory.END;
        TimeSeries exact = source.demand(policy("checkout"), new TimeWindow(end.minus(Duration.ofDays(28)), end,
                Duration.ofMinutes(5)));
        assertThat(exact).isEqualTo(DemoHistory.find(ServiceKey.of("prod", "checkout")).orElseThrow().values());

        Instant later = end.plus(Duration.ofDays(7));
        TimeSeries moved = source.demand(policy("checkout"), new TimeWindow(later.minus(Duration.ofDays(28)), later,
                Duration.ofMinutes(5)));
        int week = 7 * 288;
        int n = exact.size();
        for (int i = 0; i < n; i++) {
            double expected = exact.value((i + week) % n);
            assertThat(Double.compare(moved.value(i), expected)).as("step %d", i).isZero();
        }
        assertThat(moved.missing()).isEqualTo(exact.missing());
    }

    @Test
    void aServiceWithoutDemoHistoryIsAClearError() {
        ServicePolicy p = policy("checkout");
        ServicePolicy ghost = new ServicePolicy(p.source(), ServiceKey.of("prod", "ghost"), p.target(), p.demand(),
                p.capacity(), p.rules(), p.zone(), p.holidays(), p.instanceSizes(), p.indicators());
        assertThatThrownBy(() -> new DemoMetricsSource().demand(ghost, new TimeWindow(DemoHistory.START,
                DemoHistory.END, Duration.ofMinutes(5))))
                .isInstanceOf(MetricsException.class)
                .hasMessageContaining("service=prod/ghost").hasMessageContaining("no demo history");
    }

    private static int index(TimeSeries ts, String instant) {
        return (int) (Duration.between(ts.start(), Instant.parse(instant)).getSeconds() / ts.step().getSeconds());
    }
}
