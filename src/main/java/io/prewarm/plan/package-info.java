/**
 * Capacity planning: forecast to instances under the policy rules, schedule compression under provider quotas.
 * {@link io.prewarm.plan.PlanningWindow} and {@link io.prewarm.plan.ServicePlanning} plan one service from its
 * history, the one function {@code plan}, the backtest and its scorecards call. Pure functions.
 */
package io.prewarm.plan;
