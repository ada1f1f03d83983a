package io.prewarm.bench;

import io.prewarm.common.ServiceKey;
import io.prewarm.pipeline.RunListener;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums the run's own per-service stage timings (the ones telemetry exports). Sums over the worker threads,
 * so with parallelism 4 they add up to about four times the wall time they overlap.
 */
final class StageClock implements RunListener {
    private final Map<Stage, AtomicLong> nanos = new EnumMap<>(Stage.class);

    StageClock() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new AtomicLong());
        }
    }

    @Override
    public void stageFinished(ServiceKey key, Stage stage, Duration elapsed) {
        nanos.get(stage).addAndGet(elapsed.toNanos());
    }

    double seconds(Stage stage) {
        return nanos.get(stage).get() / 1e9;
    }
}
