/** Forecast models built on Smile, and model selection by rolling-origin evaluation. */
package io.prewarm.forecast.smile;
