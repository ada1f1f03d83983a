/**
 * The fleet benchmark ({@link io.prewarm.bench.FleetBenchCommand}, docs/fleet.md): a seeded synthetic fleet
 * (policies and 28 days of history), its backfill into a Prometheus the benchmark owns, and the measurements
 * around one {@code plan --dry-run} over it. Lives in {@code src/bench/java}, a test source folder: compiled
 * and run by Maven, never in the shipped jar or image.
 */
package io.prewarm.bench;
