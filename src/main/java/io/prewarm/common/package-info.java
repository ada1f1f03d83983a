/**
 * Tiny validated value records shared by every stage: service and environment names, targets, time windows, reason
 * codes; and the scaling rates a renderer writes and the backtest simulates ({@link io.prewarm.common.ScaleOutSteps},
 * {@link io.prewarm.common.HpaRates}), so the two cannot drift apart; and {@link io.prewarm.common.Configs}, which
 * builds a stage's {@code @ConfigMapping} without CDI; {@link io.prewarm.common.Checks}, the null checks of a
 * record's compact constructor in one line.
 */
package io.prewarm.common;
