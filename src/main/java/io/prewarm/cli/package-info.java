/**
 * The picocli commands (plan, merge-shards, validate, serve, forecast, backtest, demo, bench), their summaries and the
 * files they write ({@code OutputFiles}: a file that cannot be written is invalid input, with the reason).
 */
package io.prewarm.cli;
