/**
 * Prometheus metrics of prewarm itself ({@code prewarm_*}), Pushgateway or file export for {@code plan},
 * {@code /metrics} for {@code serve}, the reason-coded audit log, and the forecast error of the previous
 * plan. Entry point: {@link io.prewarm.telemetry.Telemetry} (CDI: {@link io.prewarm.telemetry.TelemetryProducer}).
 * It implements the ports the stages own ({@code pipeline.RunListener}, {@code pipeline.EmergencyEvents},
 * {@code metrics.ReadEvents}); nothing imports this package except {@code cli}. See docs/telemetry.md.
 */
package io.prewarm.telemetry;
