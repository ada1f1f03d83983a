package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.TimeSeries;

import java.util.Objects;

/** A service's history and the report on how it was read. */
public record FetchResult(TimeSeries series, FetchReport report) {
    public FetchResult {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(report, "report");
    }
}
