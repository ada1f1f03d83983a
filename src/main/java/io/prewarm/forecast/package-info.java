/** Forecasting: the {@link io.prewarm.forecast.Forecaster} port, {@link io.prewarm.forecast.Forecast}, calendar features and holidays. */
package io.prewarm.forecast;
