/** Replay of history through forecast and plan, with scorecards. */
package io.prewarm.backtest;
