/**
 * Replay of history through forecast and plan, with scorecards: {@link io.prewarm.backtest.Replay} plans
 * at each daily epoch on the history before it, a minute-by-minute fleet simulator runs the strategies
 * (static, reactive, scheduled, prewarm, oracle) with the target's reactive layer (AWS step scaling, the
 * Kubernetes HPA algorithm), and {@link io.prewarm.backtest.Reports} and {@link io.prewarm.backtest.SvgChart}
 * print the result. Imports only common, policy, metrics, forecast and plan.
 */
package io.prewarm.backtest;
