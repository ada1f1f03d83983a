/** Prometheus HTTP API adapter: range queries, chunking, retries. */
package io.prewarm.metrics.prometheus;
