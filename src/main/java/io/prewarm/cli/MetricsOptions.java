package io.prewarm.cli;

import picocli.CommandLine.Option;

/** {@code --metrics} of {@code plan} and {@code backtest}: where the history is read from. */
public class MetricsOptions {

    @Option(names = "--metrics", paramLabel = "demo|URL|file:DIR", defaultValue = "demo",
            converter = MetricsSpec.Converter.class,
            description = "History source: 'demo' (bundled history), a Prometheus base URL, or 'file:DIR' (CSV files"
                    + " DIR/<environment>/<service>.csv) (default: ${DEFAULT-VALUE}).")
    MetricsSpec metrics;

    public MetricsSpec spec() {
        return metrics;
    }
}
