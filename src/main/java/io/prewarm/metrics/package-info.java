/** Demand history: the {@link io.prewarm.metrics.MetricsSource} port and {@link io.prewarm.metrics.TimeSeries}. */
package io.prewarm.metrics;
