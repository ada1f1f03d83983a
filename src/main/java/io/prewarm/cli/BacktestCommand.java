package io.prewarm.cli;

import io.prewarm.backtest.BacktestResult;
import io.prewarm.backtest.DemandTrace;
import io.prewarm.backtest.PolicyVariant;
import io.prewarm.backtest.Replay;
import io.prewarm.backtest.Reports;
import io.prewarm.backtest.SvgChart;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.metrics.file.CsvDirectoryMetricsSource;
import io.prewarm.metrics.file.DemoHistory;
import io.prewarm.plan.RulesPlanner;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code prewarm backtest}: replay history through forecast, plan and a simulated fleet; score the strategies. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay each service's history: plan daily on the data before each day, simulate the fleet "
                + "minute by minute, and compare static, reactive, scheduled, prewarm and oracle provisioning.",
                "Exit codes: 0 success, 2 invalid input, 1 a service failed."})
public class BacktestCommand implements Callable<Integer> {

    @Mixin
    PolicyOptions policies;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Only this service (name, or environment/name); default: every policy.")
    String service;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--from", paramLabel = "T", converter = Converters.DateOrInstant.class,
            description = "First replayed instant or date (ISO-8601); default: --to minus 7 days.")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = Converters.DateOrInstant.class,
            description = "End of the replay (exclusive); default: the end of the demo history, the end of the last"
                    + " day the files cover (file:DIR), or today 00:00 UTC.")
    Instant to;

    @Option(names = "--training", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "History each day's forecast is fitted on (default: the policy's demand.history, as plan reads).")
    Duration training;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Scorecards on stdout as text or json (default: ${DEFAULT-VALUE}).")
    SummaryOptions.Format output;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write an SVG chart of demand, forecast and capacity.")
    Path chart;

    @Option(names = "--what-if", paramLabel = "CHANGES", converter = Converters.Variant.class,
            description = "Replay a policy variant too and show the difference, e.g. headroom=0.3,prewarmLead=15m.")
    PolicyVariant whatIf;

    @Inject
    Wiring wiring;

    @Override
    public Integer call() {
        Optional<PolicyVariant> variant = Optional.ofNullable(whatIf);
        List<ServicePolicy> loaded = policies.load().stream()
                .filter(p -> service == null || p.key().service().value().equals(service)
                        || p.key().toString().equals(service)).toList();
        if (loaded.isEmpty()) {
            throw new InvalidInputException("--service: no policy in " + policies.dir() + " for '" + service + "'");
        }
        MetricsSource source = wiring.metrics(metrics.spec());
        Replay replay = new Replay(new SmileForecaster(), new RulesPlanner());
        List<Reports.Entry> entries = new ArrayList<>();
        boolean failed = false;
        try {
            Instant end = to != null ? to
                    : metrics.spec() instanceof MetricsSpec.Demo ? DemoHistory.END
                    : source instanceof CsvDirectoryMetricsSource files ? filesEnd(files, loaded)
                    : Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS);
            Instant start = from != null ? from : end.minus(Duration.ofDays(7));
            if (!end.isAfter(start)) {
                throw new InvalidInputException("--to: " + end + " is not after --from " + start);
            }
            for (ServicePolicy p : loaded) {
                try {
                    Replay.Spec spec = new Replay.Spec(start, end, training != null ? training : p.demand().history(),
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
        System.out.print(output == SummaryOptions.Format.json ? Reports.json(entries) + "\n" : Reports.text(entries));
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
