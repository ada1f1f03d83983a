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
 * {@code -Dbench.training=28}, {@code -Dbench.fleet=20}, {@code -Dbench.lead=10}, {@code -Dbench.only=nasa},
 * {@code -Dbench.headroom=0.2}).
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
        for (Trace t : traces()) {
            if (!t.name().contains(only)) {
                continue;
            }
            TimeSeries history = read(data.resolve(t.file()));
            double normalPeak = DemandStats.normalPeak(history, ZoneOffset.UTC);
            ServicePolicy policy = policy(t, kind, normalPeak / fleet, fleet * 10, lead, history.step());
            Instant from = history.start().plus(Duration.ofDays(trainingDays)).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .plus(Duration.ofDays(1));
            Instant to = history.end().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            long t0 = System.nanoTime();
            // the same replay with the floors on the forecast's upper bound, for comparison (same fitted forecasts)
            Replay.Variants both = replay.withVariants(policy, base -> List.of(PolicyVariant.parse("scheduleFor=upper")),
                    history, new Replay.Spec(from, to, Duration.ofDays(trainingDays), Duration.ofDays(1),
                            DemandTrace.Shape.LINEAR));
            BacktestResult r = both.base();
            System.out.printf(Locale.ROOT, "%n%s (%s, target %s, %.1f s)%n", t.name(), t.file(), kind.id(),
                    (System.nanoTime() - t0) / 1e9);
            BacktestResult u = both.variants().get(0).variant();
            System.out.print(Reports.text(List.of(new Reports.Entry(r, Optional.empty()))));
            summary.add(row(t, r) + String.format(Locale.ROOT, " %.2f%%, %.3fx |",
                    100 * u.of(Strategy.PREWARM).underProvisionedShare(),
                    u.of(Strategy.PREWARM).instanceHours() / u.of(Strategy.ORACLE).instanceHours()));
        }
        System.out.println();
        summary.forEach(System.out::println);
    }

    /**
     * The same replay on every M4 hourly series long enough for 28 days of training and 14 replayed days
     * (245 of 414: train plus test, 1,008 hours). M4 has no dates, so each series starts on a Monday at
     * 00:00 UTC (the phase is arbitrary but consistent). Prints how many series meet each goal and the
     * spread of the ratios, for the policy as written and with {@code scheduleFor=upper}:
     * {@code ./mvnw -q -B test -Dtest=TraceBenchmark#m4 -Dbench=true}.
     */
    @Test
    void m4() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        Path dir = Path.of(System.getProperty("bench.data", "/work/shared/data")).resolve("m4-hourly");
        TargetKind kind = TargetKind.fromId(System.getProperty("bench.target", "aws-asg")).orElseThrow();
        int limit = Integer.getInteger("bench.series", Integer.MAX_VALUE);
        Map<String, double[]> train = m4(dir.resolve("Hourly-train.csv"));
        Map<String, double[]> test = m4(dir.resolve("Hourly-test.csv"));
        Instant start = Instant.parse("2001-01-01T00:00:00Z"); // a Monday
        Replay replay = new Replay(new SmileForecaster(), new RulesPlanner());
        List<double[]> asWritten = new ArrayList<>();
        List<double[]> upper = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Map.Entry<String, double[]> e : train.entrySet()) {
            double[] a = e.getValue();
            double[] b = test.get(e.getKey());
            if (a.length < 960 || asWritten.size() >= limit) {
                continue;
            }
            double[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            TimeSeries history = new TimeSeries(start, Duration.ofHours(1), all);
            Trace t = new Trace("m4-" + e.getKey().toLowerCase(Locale.ROOT), "m4", "none");
            double normalPeak = DemandStats.normalPeak(history, ZoneOffset.UTC);
            ServicePolicy policy = policy(t, kind, normalPeak / 20, 200, 10, Duration.ofHours(1));
            Instant from = start.plus(Duration.ofDays(28));
            Instant to = history.end().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            Replay.Spec spec = new Replay.Spec(from, to, Duration.ofDays(28), Duration.ofDays(1), DemandTrace.Shape.LINEAR);
            Replay.Variants both = replay.withVariants(policy,
                    base -> List.of(PolicyVariant.parse("scheduleFor=upper")), history, spec);
            asWritten.add(goals(both.base()));
            upper.add(goals(both.variants().get(0).variant()));
        }
        System.out.printf(Locale.ROOT, "%nM4 hourly, %d series x 14 replayed days, target %s, %.0f s%n", asWritten.size(),
                kind.id(), (System.nanoTime() - t0) / 1e9);
        System.out.println("| floors | under <= 1% | <= 1.15x oracle | >= 30% below static (oracle too) | fewer short minutes"
                + " than reactive (or both 0) | all four | all but static, where the oracle is not 30% below static either"
                + " | prewarm / oracle p10 / p50 / p90 | under % p50 / p90 / p99 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.println(m4Row("point forecast (default)", asWritten));
        System.out.println(m4Row("upper bound", upper));
    }

    /**
     * under share, prewarm / oracle, prewarm / static, under minutes minus reactive's (-1 when both are 0: no
     * strategy can be fewer than none), oracle / static.
     */
    private static double[] goals(BacktestResult r) {
        Scorecard p = r.of(Strategy.PREWARM);
        Scorecard re = r.of(Strategy.REACTIVE);
        return new double[]{p.underProvisionedShare(), p.instanceHours() / r.of(Strategy.ORACLE).instanceHours(),
                p.instanceHours() / r.of(Strategy.STATIC).instanceHours(),
                p.underProvisionedMinutes() == 0 && re.underProvisionedMinutes() == 0 ? -1
                        : p.underProvisionedMinutes() - re.underProvisionedMinutes(),
                r.of(Strategy.ORACLE).instanceHours() / r.of(Strategy.STATIC).instanceHours()};
    }

    private static String m4Row(String label, List<double[]> g) {
        int n = g.size();
        long under = g.stream().filter(x -> x[0] <= 0.01).count();
        long oracle = g.stream().filter(x -> x[1] <= 1.15).count();
        long stat = g.stream().filter(x -> x[2] <= 0.70).count();
        long reactive = g.stream().filter(x -> x[3] < 0).count();
        long all = g.stream().filter(x -> x[0] <= 0.01 && x[1] <= 1.15 && x[2] <= 0.70 && x[3] < 0).count();
        long oracleStatic = g.stream().filter(x -> x[4] <= 0.70).count();
        long fair = g.stream().filter(x -> x[0] <= 0.01 && x[1] <= 1.15 && (x[2] <= 0.70 || x[4] > 0.70) && x[3] < 0)
                .count();
        double[] ratio = g.stream().mapToDouble(x -> x[1]).sorted().toArray();
        double[] share = g.stream().mapToDouble(x -> 100 * x[0]).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %d of %d | %d | %d (%d) | %d | %d (%.0f%%) | %d (%.0f%%) | %.3f / %.3f / %.3f "
                        + "| %.2f / %.2f / %.2f |",
                label, under, n, oracle, stat, oracleStatic, reactive, all, 100.0 * all / n, fair, 100.0 * fair / n,
                q(ratio, 0.1), q(ratio, 0.5), q(ratio, 0.9),
                q(share, 0.5), q(share, 0.9), q(share, 0.99));
    }

    private static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** M4's wide CSV: {@code "V1"} is the id, the other columns the values, empty past the series' end. */
    static Map<String, double[]> m4(Path file) throws IOException {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] v = Arrays.stream(f, 1, f.length).map(x -> x.replace("\"", "").trim()).filter(x -> !x.isEmpty())
                    .mapToDouble(Double::parseDouble).toArray();
            out.put(f[0].replace("\"", ""), v);
        }
        return out;
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

    /**
     * The shared traces, or the files named by {@code -Dbench.files=a.csv,b.csv} (same format, any step
     * that divides an hour; holidays from {@code -Dbench.holidays}, default none): run it on your traces.
     */
    static List<Trace> traces() {
        String files = System.getProperty("bench.files", "");
        if (files.isBlank()) {
            return TRACES;
        }
        List<Trace> out = new ArrayList<>();
        for (String f : files.split(",")) {
            Path p = Path.of(f.trim()).toAbsolutePath();
            String name = p.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9-]+", "-");
            out.add(new Trace(name, p.toString(), System.getProperty("bench.holidays", "none")));
        }
        return out;
    }

    static ServicePolicy policy(Trace t, TargetKind kind, double perInstance, int max, int leadMinutes, Duration step) {
        // AWS: an alarm on demand per instance drives the step policies (without one there is no reactive layer)
        Map<String, String> attrs = kind == TargetKind.KUBERNETES_HPA || kind == TargetKind.KUBERNETES_KEDA
                ? Map.of("namespace", "bench") : kind == TargetKind.AWS_ASG ? Map.of("cloudwatchNamespace", "Bench",
                "cloudwatchMetric", "DemandPerInstance", "scaleOutAbove", String.valueOf(perInstance)) : Map.of();
        return new ServicePolicy(Path.of("bench/" + t.name() + ".yaml"), ServiceKey.of("bench", t.name()),
                new Target(kind, t.name(), attrs),
                new ServicePolicy.Demand("bench", step, Duration.ofDays(28), ServicePolicy.Aggregation.SUM,
                        Optional.empty()),
                new ServicePolicy.Capacity(Optional.of(perInstance), Double.parseDouble(System.getProperty("bench.headroom",
                        "0.2")), 2, max),
                new ServicePolicy.Rules(Duration.ofMinutes(leadMinutes), 20, 20, Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofHours(1), 5.0),
                ZoneOffset.UTC, new ServicePolicy.Holidays(t.country(), List.of()), List.of(), Indicators.none());
    }

    /** Steps a policy accepts (they divide an hour), in seconds. */
    static final long[] STEPS = {60, 120, 300, 600, 900, 1200, 1800, 3600};

    /**
     * {@code timestamp,value} with {@code yyyy-MM-dd HH:mm:ss} timestamps read as UTC; empty values are
     * missing. The step is the median spacing, rounded up to one that divides an hour. Timestamps are floored
     * to it (NAB's Twitter files sit at :02:53, :07:53, ...), and samples falling into one step are averaged.
     */
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
        long[] gaps = new long[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = Duration.between(times.get(i - 1), times.get(i)).getSeconds();
        }
        Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        long step = Arrays.stream(STEPS).filter(x -> x >= median).findFirst().orElse(3600);
        Instant start = Instant.ofEpochSecond(Math.floorDiv(times.get(0).getEpochSecond(), step) * step);
        int n = (int) (Duration.between(start, times.get(times.size() - 1)).getSeconds() / step) + 1;
        double[] sum = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < times.size(); i++) {
            if (!Double.isNaN(values.get(i))) {
                int k = (int) (Duration.between(start, times.get(i)).getSeconds() / step);
                sum[k] += values.get(i);
                count[k]++;
            }
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return new TimeSeries(start, Duration.ofSeconds(step), out);
    }
}
