package io.prewarm.telemetry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Test configurations: the mappings' defaults with every file under {@code dir/.prewarm/}. */
final class TelemetryConfigs {
    private TelemetryConfigs() {
    }

    static TelemetryConfig in(Path dir) {
        return in(dir, Map.of());
    }

    /** @param overrides full property names ({@code prewarm.pushgateway.url}) and values */
    static TelemetryConfig in(Path dir, Map<String, String> overrides) {
        Path base = dir.resolve(".prewarm");
        Map<String, String> values = new HashMap<>(Map.of(
                "prewarm.telemetry.metrics-file", base.resolve("metrics.prom").toString(),
                "prewarm.telemetry.state-file", base.resolve("state.json").toString(),
                "prewarm.audit.file", base.resolve("audit.jsonl").toString()));
        values.putAll(overrides);
        return TelemetryConfig.of(values);
    }
}
