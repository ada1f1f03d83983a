package io.prewarm.forecast;

import io.prewarm.metrics.TimeSeries;

/** Forecasts demand from history. Implementations are deterministic for the same inputs. */
public interface Forecaster {

    /**
     * @param history  the past, on a regular grid, NaN where missing; ends at or before the request start
     * @param request  what to forecast
     */
    Forecast forecast(TimeSeries history, ForecastRequest request);
}
