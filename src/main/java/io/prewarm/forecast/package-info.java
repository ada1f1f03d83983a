/**
 * Forecasting: the {@link io.prewarm.forecast.Forecaster} port, {@link io.prewarm.forecast.Forecast},
 * holiday calendars ({@link io.prewarm.forecast.HolidayCalendar}) and robust demand statistics
 * ({@link io.prewarm.forecast.DemandStats}).
 */
package io.prewarm.forecast;
