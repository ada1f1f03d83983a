/**
 * The picocli commands (plan, merge-shards, validate, serve, forecast, backtest, demo, bench, init), their summaries and the
 * files they write ({@code OutputFiles}: a file that cannot be written is invalid input, with the reason).
 * {@code init} writes a GitOps repository from the resources under {@code scaffold/} ({@code Scaffold}), the
 * CI/CD component and the example policies among them copied there by the build from their one source.
 * Options shared by commands are picocli mixins ({@code MetricsOptions}: {@code --metrics} as a sealed
 * {@code MetricsSpec} of demo, CSV files or a Prometheus URL without credentials; {@code PolicyOptions};
 * {@code SummaryOptions}); values are converted while parsing ({@code Converters}), and a refused value is
 * {@code error: --option: ...} with exit 2 ({@code ExitCodes.BadValues}).
 */
package io.prewarm.cli;
