package io.prewarm.cli;

import io.prewarm.metrics.file.DemoHistory;
import io.prewarm.metrics.prometheus.OpenMetricsWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Helpers for the bundled demo. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Work with the bundled demo history.",
        subcommands = DemoCommand.Export.class)
public class DemoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /**
     * Writes the demo history as OpenMetrics so anyone can backfill it into a Prometheus and run the demo
     * against a real server. Gaps are written as NaN samples: without them Prometheus' 5-minute lookback
     * would fill each gap's first point, and the plan would differ from the one made from the file.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the bundled demo history as OpenMetrics for",
                    "'promtool tsdb create-blocks-from openmetrics FILE DATA_DIR'."})
    public static class Export implements Runnable {

        @Option(names = "--openmetrics", required = true, paramLabel = "FILE",
                description = "OpenMetrics file to write ('-' for standard output).")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            List<OpenMetricsWriter.Series> series = DemoHistory.all().stream()
                    .map(s -> new OpenMetricsWriter.Series(s.metric(), s.labels(), s.values()))
                    .toList();
            boolean stdout = file.toString().equals("-");
            long samples;
            try {
                if (stdout) {
                    Writer out = spec.commandLine().getOut();
                    samples = OpenMetricsWriter.write(out, series, OpenMetricsWriter.Missing.NAN);
                    out.flush();
                } else {
                    // a missing folder is invalid input (exit 2) with the reason, not a bare path
                    try (Writer out = new BufferedWriter(new OutputStreamWriter(OutputFiles.open(null, file),
                            StandardCharsets.UTF_8))) {
                        samples = OpenMetricsWriter.write(out, series, OpenMetricsWriter.Missing.NAN);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
            }
            if (!stdout) {
                spec.commandLine().getErr().printf("wrote %d samples of %d series (%s, %s to %s, step %s) to %s%n"
                                + "backfill: promtool tsdb create-blocks-from openmetrics %s DATA_DIR%n",
                        samples, series.size(), DemoHistory.METRIC, DemoHistory.START, DemoHistory.END,
                        DemoHistory.STEP, file, file);
            }
        }
    }
}
