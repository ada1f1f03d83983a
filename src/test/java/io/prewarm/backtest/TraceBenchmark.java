package io.prewarm.backtest;

import io.prewarm.common.Indicators;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.Target;
import io.prewarm.common.TargetKind;
import io.prewarm.forecast.DemandStats;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark of issue 10 on the shared real traces: prints the scorecards, not a timed test. Runs only
 * with {@code -Dbench=true}: {@code ./mvnw -q -B test -Dtest=TraceBenchmark -Dbench=true}
 * (optional {@code -Dbench.data=/work/shared/data}, {@code -Dbench.target=kubernetes-hpa},
 * {@code -Dbench.training=28}, {@code -Dbench.fleet=20}, {@code -Dbench.lead=10}, {@code -Dbench.only=nasa}).
 *
 * <p>Each hourly trace becomes one service: demand per hour, {@code perInstance} set so the trace's normal
 * peak (median daily maximum) needs {@code fleet} instances, headroom 0.2, min 2, max 10x the fleet, on AWS
 * an alarm on demand per instance driving the step policies,
 * the policy loader's default rules, boot plus warm-up {@code lead} minutes. Timestamps are read as UTC
 * (they are local time for NYC taxi and NASA, so the daily shape stays where it is). The replay plans
 * daily from the first day with {@code training} days of history to the end of the trace.
 */
class TraceBenchmark {
    record Trace(String name, String file, String country) {
    }

    static final List<Trace> TRACES = List.of(
            new Trace("nyc-taxi", "hourly/nyc_taxi.csv", "US"),
            new Trace("nasa-http", "web/nasa_http_hourly.csv", "US"),
            new Trace("twitter-aapl", "hourly/twitter_AAPL.csv", "none"),
            new Trace("twitter-amzn", "hourly/twitter_AMZN.csv", "none"),
            new Trace("twitter-fb", "hourly/twitter_FB.csv", "none"),
            new Trace("twitter-goog", "hourly/twitter_GOOG.csv", "none"),
            new Trace("twitter-ibm", "hourly/twitter_IBM.csv", "none"));

    @Test
    void printScorecardsOnTheSharedTraces() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        Path data = Path.of(System.getProperty("bench.data", "/work/shared/data"));
        TargetKind kind = TargetKind.fromId(System.getProperty("bench.target", "aws-asg")).orElseThrow();
        int trainingDays = Integer.getInteger("bench.training", 28);
        int fleet = Integer.getInteger("bench.fleet", 20);
        int lead = Integer.getInteger("bench.lead", 10);
        String only = System.getProperty("bench.only", "");
        Replay replay = new Replay(new SmileForecaster(), new RulesPlanner());
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "| trace | days | prewarm under %% | reactive under %% | prewarm / oracle "
                + "| prewarm vs static | planned / actual | goals | scheduleFor=upper: under %%, / oracle |"));
        summary.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Trace t : TRACES) {
            if (!t.name().contains(only)) {
                continue;
            }
            TimeSeries history = read(data.resolve(t.file()));
            double normalPeak = DemandStats.normalPeak(history, ZoneOffset.UTC);
            ServicePolicy policy = policy(t, kind, normalPeak / fleet, fleet * 10, lead);
            Instant from = history.start().plus(Duration.ofDays(trainingDays)).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .plus(Duration.ofDays(1));
            Instant to = history.end().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            long t0 = System.nanoTime();
            BacktestResult r = replay.run(policy, history, new Replay.Spec(from, to, Duration.ofDays(trainingDays),
                    Duration.ofDays(1), DemandTrace.Shape.LINEAR));
            System.out.printf(Locale.ROOT, "%n%s (%s, target %s, %.1f s)%n", t.name(), t.file(), kind.id(),
                    (System.nanoTime() - t0) / 1e9);
            // the same replay with the floors on the forecast's upper bound, for comparison
            BacktestResult u = replay.run(PolicyVariant.parse("scheduleFor=upper").apply(policy), history,
                    new Replay.Spec(from, to, Duration.ofDays(trainingDays), Duration.ofDays(1), DemandTrace.Shape.LINEAR));
            System.out.print(Reports.text(List.of(new Reports.Entry(r, Optional.empty()))));
            summary.add(row(t, r) + String.format(Locale.ROOT, " %.2f%%, %.3fx |",
                    100 * u.of(Strategy.PREWARM).underProvisionedShare(),
                    u.of(Strategy.PREWARM).instanceHours() / u.of(Strategy.ORACLE).instanceHours()));
        }
        System.out.println();
        summary.forEach(System.out::println);
    }

    static String row(Trace t, BacktestResult r) {
        Scorecard p = r.of(Strategy.PREWARM);
        Scorecard o = r.of(Strategy.ORACLE);
        Scorecard s = r.of(Strategy.STATIC);
        Scorecard re = r.of(Strategy.REACTIVE);
        double vsOracle = p.instanceHours() / o.instanceHours();
        double vsStatic = p.instanceHours() / s.instanceHours() - 1;
        List<String> missed = new ArrayList<>();
        if (p.underProvisionedShare() > 0.01) {
            missed.add("under > 1%");
        }
        if (vsOracle > 1.15) {
            missed.add("> 1.15x oracle");
        }
        if (vsStatic > -0.30) {
            missed.add("< 30% below static");
        }
        if (p.underProvisionedMinutes() >= re.underProvisionedMinutes()) {
            missed.add("not below reactive");
        }
        return String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %.3fx | %+.1f%% | %.2f | %s |", t.name(),
                r.epochs(), 100 * p.underProvisionedShare(), 100 * re.underProvisionedShare(), vsOracle, 100 * vsStatic,
                cover(r), missed.isEmpty() ? "all met" : "missed: " + String.join(", ", missed));
    }

    /** How far the forecast prewarm planned for sat above the actual demand: sum of planned over sum of actual. */
    static double cover(BacktestResult r) {
        double upper = 0;
        double actual = 0;
        for (int m = 0; m < r.trace().minutes(); m++) {
            double d = r.trace().at(m);
            if (!Double.isNaN(d) && !Double.isNaN(r.forecast()[m])) {
                upper += r.forecast()[m];
                actual += d;
            }
        }
        return actual == 0 ? Double.NaN : upper / actual;
    }

    static ServicePolicy policy(Trace t, TargetKind kind, double perInstance, int max, int leadMinutes) {
        // AWS: an alarm on demand per instance drives the step policies (without one there is no reactive layer)
        Map<String, String> attrs = kind == TargetKind.KUBERNETES_HPA || kind == TargetKind.KUBERNETES_KEDA
                ? Map.of("namespace", "bench") : kind == TargetKind.AWS_ASG ? Map.of("cloudwatchNamespace", "Bench",
                "cloudwatchMetric", "DemandPerInstance", "scaleOutAbove", String.valueOf(perInstance)) : Map.of();
        return new ServicePolicy(Path.of("bench/" + t.name() + ".yaml"), ServiceKey.of("bench", t.name()),
                new Target(kind, t.name(), attrs),
                new ServicePolicy.Demand("bench", Duration.ofHours(1), Duration.ofDays(28), ServicePolicy.Aggregation.SUM,
                        Optional.empty()),
                new ServicePolicy.Capacity(Optional.of(perInstance), 0.2, 2, max),
                new ServicePolicy.Rules(Duration.ofMinutes(leadMinutes), 20, 20, Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofHours(1), 5.0),
                ZoneOffset.UTC, new ServicePolicy.Holidays(t.country(), List.of()), List.of(), Indicators.none());
    }

    /** {@code timestamp,value} with {@code yyyy-MM-dd HH:mm:ss} timestamps read as UTC; empty values are missing. */
    static TimeSeries read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("timestamp")) {
                continue;
            }
            int c = line.indexOf(',');
            times.add(Instant.parse(line.substring(0, c).trim().replace(' ', 'T') + "Z"));
            String v = line.substring(c + 1).trim();
            values.add(v.isEmpty() ? Double.NaN : Double.parseDouble(v));
        }
        Instant start = times.get(0);
        int n = (int) Duration.between(start, times.get(times.size() - 1)).toHours() + 1;
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            out[(int) Duration.between(start, times.get(i)).toHours()] = values.get(i);
        }
        return new TimeSeries(start, Duration.ofHours(1), out);
    }
}
