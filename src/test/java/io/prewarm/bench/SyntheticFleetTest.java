package io.prewarm.bench;

import io.prewarm.common.TargetKind;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticFleetTest {
    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);

    @TempDir
    Path tmp;

    @Test
    void aServiceIsTheSameInEveryFleetAndDiffersWithTheSeed() {
        SyntheticFleet.Service a = new SyntheticFleet(42).service(7);
        assertThat(new SyntheticFleet(42).service(7)).isEqualTo(a);
        assertThat(new SyntheticFleet(43).service(7)).isNotEqualTo(a);
        Instant start = NOW.minus(Duration.ofDays(28));
        assertThat(a.demand(start, STEP, 8064)).isEqualTo(new SyntheticFleet(42).service(7).demand(start, STEP, 8064));
    }

    @Test
    void policiesOfEveryTargetKindAndZoneLoadWithoutProblems() throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(42);
        for (int i = 0; i < 40; i++) {
            SyntheticFleet.Service s = fleet.service(i);
            Files.writeString(tmp.resolve(s.name() + ".yaml"), SyntheticFleet.policyYaml(s));
        }
        List<ServicePolicy> loaded = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(tmp);
        assertThat(loaded).hasSize(40);
        assertThat(loaded.stream().map(p -> p.target().kind()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(TargetKind.values());
        assertThat(loaded.stream().map(ServicePolicy::zone).collect(Collectors.toSet())).hasSizeGreaterThan(5);
        assertThat(loaded).filteredOn(p -> p.key().service().value().equals("svc-00003"))
                .singleElement().satisfies(p -> assertThat(p.demand().query()).isEqualTo(fleet.service(3).query()));
    }

    @Test
    void demandHasADailyPeakAndQuieterWeekendsForMostServices() {
        SyntheticFleet fleet = new SyntheticFleet(42);
        int quietWeekends = 0;
        for (int i = 0; i < 50; i++) {
            SyntheticFleet.Service s = fleet.service(i);
            double[] d = s.demand(NOW.minus(Duration.ofDays(7)), STEP, 2016); // Monday to Sunday, UTC
            assertThat(Arrays.stream(d).allMatch(v -> v >= 0 && Double.isFinite(v))).isTrue();
            double[] tuesday = Arrays.copyOfRange(d, 288, 576);
            double peak = Arrays.stream(tuesday).max().orElseThrow();
            double trough = Arrays.stream(tuesday).min().orElseThrow();
            assertThat(peak).as("service %d", i).isGreaterThan(1.5 * trough);
            double weekday = Arrays.stream(d, 0, 1440).sum() / 5;
            double weekend = Arrays.stream(d, 1440, 2016).sum() / 2;
            quietWeekends += weekend < weekday ? 1 : 0;
        }
        assertThat(quietWeekends).isBetween(30, 49);
    }

    @Test
    void historyFilesHoldOneTwoHourBlockEachWithEverySample() throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(42);
        Instant start = NOW.minus(Duration.ofDays(1));
        List<Path> files;
        try (HistoryFiles hf = new HistoryFiles(tmp.resolve("h"), start, NOW, STEP)) {
            assertThat(hf.points()).isEqualTo(288);
            for (int i = 0; i < 3; i++) {
                SyntheticFleet.Service s = fleet.service(i);
                hf.write(s, s.demand(start, STEP, hf.points()));
            }
            assertThat(hf.samples()).isEqualTo(3 * 288);
            files = hf.files();
        }
        assertThat(files).hasSize(12);
        List<String> first = Files.readAllLines(files.get(0));
        assertThat(first.get(0)).isEqualTo("# TYPE " + SyntheticFleet.METRIC + " gauge");
        assertThat(first.get(first.size() - 1)).isEqualTo("# EOF");
        assertThat(first).hasSize(2 + 3 * 24);
        Set<String> stamps = new HashSet<>();
        for (String line : first.subList(1, first.size() - 1)) {
            long t = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            assertThat(t).isBetween(start.getEpochSecond(), start.getEpochSecond() + 7200 - 300);
            stamps.add(line.substring(line.lastIndexOf(' ') + 1));
        }
        assertThat(stamps).hasSize(24);
        assertThatThrownBy(() -> new HistoryFiles(tmp.resolve("x"), start.plusSeconds(300), NOW, STEP))
                .hasMessageContaining("two-hour boundary");
    }
}
