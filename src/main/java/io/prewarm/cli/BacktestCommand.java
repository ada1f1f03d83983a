package io.prewarm.cli;

import io.prewarm.backtest.BacktestResult;
import io.prewarm.backtest.DemandTrace;
import io.prewarm.backtest.PolicyVariant;
import io.prewarm.backtest.Replay;
import io.prewarm.backtest.Reports;
import io.prewarm.backtest.SvgChart;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.CsvDirectoryMetricsSource;
import io.prewarm.metrics.file.DemoHistory;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code prewarm backtest}: replay history through forecast, plan and a simulated fleet; score the strategies. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay each service's history: plan daily on the data before each day, simulate the fleet "
                + "minute by minute, and compare static, reactive, scheduled, prewarm and oracle provisioning.",
                "Exit codes: 0 success, 2 invalid input, 1 a service failed."})
public class BacktestCommand implements Callable<Integer> {

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Folder of policy files (default: ${DEFAULT-VALUE}).")
    Path policies;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Only this service (name, or environment/name); default: every policy.")
    String service;

    @Option(names = "--metrics", paramLabel = "demo|URL|file:DIR", defaultValue = "demo",
            description = "History source: 'demo' (bundled history), a Prometheus base URL, or 'file:DIR' (CSV files"
                    + " DIR/<environment>/<service>.csv) (default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--from", paramLabel = "T",
            description = "First replayed instant or date (ISO-8601); default: --to minus 7 days.")
    String from;

    @Option(names = "--to", paramLabel = "T",
            description = "End of the replay (exclusive); default: the end of the demo history, the end of the last"
                    + " day the files cover (file:DIR), or today 00:00 UTC.")
    String to;

    @Option(names = "--training", paramLabel = "DURATION",
            description = "History each day's forecast is fitted on (default: the policy's demand.history, as plan reads).")
    String training;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Scorecards on stdout as text or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write an SVG chart of demand, forecast and capacity.")
    Path chart;

    @Option(names = "--what-if", paramLabel = "CHANGES",
            description = "Replay a policy variant too and show the difference, e.g. headroom=0.3,prewarmLead=15m.")
    String whatIf;

    @Inject
    Wiring wiring;

    @Override
    public Integer call() {
        if (!output.equals("text") && !output.equals("json")) {
            throw new InvalidInputException("--output: '" + output + "' is not one of text, json");
        }
        Optional<PolicyVariant> variant;
        Duration train;
        try {
            variant = whatIf == null ? Optional.empty() : Optional.of(PolicyVariant.parse(whatIf));
            train = training == null ? null : parseDuration(training);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        List<ServicePolicy> loaded = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(policies).stream()
                .filter(p -> service == null || p.key().service().value().equals(service)
                        || p.key().toString().equals(service)).toList();
        if (loaded.isEmpty()) {
            throw new InvalidInputException("--service: no policy in " + policies + " for '" + service + "'");
        }
        MetricsSource source = wiring.metrics(metrics);
        Replay replay = new Replay(new SmileForecaster(), new RulesPlanner());
        List<Reports.Entry> entries = new ArrayList<>();
        boolean failed = false;
        try {
            Instant end = to != null ? parseInstant("--to", to)
                    : metrics.equals("demo") ? DemoHistory.END
                    : source instanceof CsvDirectoryMetricsSource files ? filesEnd(files, loaded)
                    : Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS);
            Instant start = from != null ? parseInstant("--from", from) : end.minus(Duration.ofDays(7));
            if (!end.isAfter(start)) {
                throw new InvalidInputException("--to: " + end + " is not after --from " + start);
            }
            for (ServicePolicy p : loaded) {
                try {
                    Replay.Spec spec = new Replay.Spec(start, end, train != null ? train : p.demand().history(),
                            Duration.ofDays(1), DemandTrace.Shape.LINEAR);
                    TimeSeries history = source.demand(p, new TimeWindow(spec.historyStart(), end, p.demand().step()));
                    if (variant.isPresent()) {
                        var w = replay.whatIf(p, variant.get(), history, spec);
                        entries.add(new Reports.Entry(w.base(), Optional.of(w)));
                    } else {
                        entries.add(new Reports.Entry(replay.run(p, history, spec), Optional.empty()));
                    }
                    Log.infof("backtested service=%s epochs=%d", p.key(), entries.get(entries.size() - 1).result().epochs());
                } catch (RuntimeException e) {
                    failed = true;
                    System.err.println("error: backtesting " + p.key() + ": " + e.getMessage());
                }
            }
        } finally {
            if (source instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing an HTTP client cannot lose results
                }
            }
        }
        System.out.print(output.equals("json") ? Reports.json(entries) + "\n" : Reports.text(entries));
        if (chart != null) {
            List<BacktestResult> results = entries.stream().map(Reports.Entry::result).toList();
            try {
                Files.writeString(chart, SvgChart.render(results), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("writing chart " + chart + ": " + e.getMessage(), e);
            }
        }
        return failed ? PrewarmCommand.EXIT_FAILURE : 0;
    }

    static Instant parseInstant(String option, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option + ": '" + value + "' is not an ISO-8601 date or instant such as "
                    + "2026-11-14 or 2026-11-14T00:00:00Z");
        }
    }

    private static Duration parseDuration(String value) {
        try {
            Duration d = PolicyVariant.parseDuration(value);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("--training: " + value + " must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--training: '" + value + "' is not a duration such as 14d");
        }
    }

    /** The latest end among the replayed services' files: the default {@code --to} with {@code file:DIR}. */
    private static Instant filesEnd(CsvDirectoryMetricsSource files, List<ServicePolicy> loaded) {
        Instant end = null;
        for (ServicePolicy p : loaded) {
            try {
                Instant e = files.end(p.key()).orElse(null);
                if (e != null && (end == null || e.isAfter(end))) {
                    end = e;
                }
            } catch (io.prewarm.metrics.MetricsException e) {
                // reported per service when it is replayed
            }
        }
        if (end == null) {
            throw new InvalidInputException("--to: no history file with samples for the selected services in "
                    + files.describe() + "; give --to");
        }
        return end;
    }
}
