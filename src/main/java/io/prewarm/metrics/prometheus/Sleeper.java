package io.prewarm.metrics.prometheus;

import java.time.Duration;

/** Waits between retries; injected so tests check the delays without spending them. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** Really waits. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
}
