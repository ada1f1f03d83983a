/**
 * The fleet benchmark behind {@code prewarm bench fleet}: a seeded synthetic fleet (policies and 28 days of
 * history), its backfill into a Prometheus the benchmark owns, and the measurements around one
 * {@code plan --dry-run} over it. Part of the command line, not of the pipeline: nothing imports it.
 */
package io.prewarm.cli.bench;
