/** Offline history: CSV files and the bundled demo history, behind the same port as Prometheus. */
package io.prewarm.metrics.file;
