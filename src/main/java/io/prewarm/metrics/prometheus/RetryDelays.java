package io.prewarm.metrics.prometheus;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before each retry of one request, as a SmallRye Fault Tolerance custom backoff (the guard makes
 * one per request and starts it with the initial delay): doubling up to {@code max}, less a random share
 * of up to {@code jitter} of it, so services that failed together do not retry together. Custom rather
 * than the library's exponential backoff because a 429's {@code Retry-After} is honoured, up to
 * {@code max}, which keeps every run bounded.
 */
final class RetryDelays implements CustomBackoffStrategy {
    private final long maxMs;
    private final double jitter;
    private final RandomGenerator random;
    private long baseMs;

    RetryDelays(Duration max, double jitter, RandomGenerator random) {
        this.maxMs = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    @Override
    public void init(long initialDelayInMillis) {
        baseMs = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long base = Math.min(baseMs, maxMs);
        baseMs = base < maxMs ? base * 2 : maxMs;
        double r;
        synchronized (random) { // a seeded generator shared by all requests; draws are cheap
            r = random.nextDouble();
        }
        long d = Math.round(base * (1 - jitter * r));
        if (failure instanceof RequestGuard.AttemptFailure f && f.retryAfterSeconds().isPresent()) {
            d = Math.max(d, Math.min(f.retryAfterSeconds().get(), maxMs / 1000 + 1) * 1000);
        }
        return Math.min(d, maxMs);
    }
}
