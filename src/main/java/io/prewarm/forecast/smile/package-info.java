/**
 * The forecasting engine behind {@link io.prewarm.forecast.Forecaster}: calendar features, outlier and
 * level-shift handling, seasonal-naive baselines, seasonal-profile models and a Smile ridge regression,
 * selected per series by rolling-origin evaluation, with a calibrated upper bound. Entry point:
 * {@link io.prewarm.forecast.smile.SmileForecaster}.
 */
package io.prewarm.forecast.smile;
