package io.prewarm.metrics.prometheus;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: retry {@code k} waits {@code min(max, initial * 2^(k-1))}, less a random
 * share of up to {@code jitter} of it, so concurrent services that failed together do not retry together.
 * A server's {@code Retry-After} is honoured up to {@code max}, which keeps every run bounded.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final double jitter;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry, Optional<Long> retryAfterSeconds) {
        long base = initialMs;
        for (int i = 1; i < retry && base < maxMs; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMs);
        double r;
        synchronized (random) { // a seeded generator shared by all threads; draws are cheap
            r = random.nextDouble();
        }
        long d = Math.round(base * (1 - jitter * r));
        if (retryAfterSeconds.isPresent()) {
            d = Math.max(d, Math.min(retryAfterSeconds.get(), maxMs / 1000 + 1) * 1000);
        }
        return Duration.ofMillis(Math.min(d, maxMs));
    }
}
