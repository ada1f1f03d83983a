package io.prewarm.emergency;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per client: {@code perSecond} on average, {@code burst} at once. */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("prewarm.emergency.rate-limit: per-second must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one token for {@code client}; false when its bucket is empty. */
    public boolean tryAcquire(String client) {
        if (buckets.size() > 100_000) {
            buckets.clear(); // a flood of distinct addresses must not exhaust memory; limits restart full
        }
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, nanos.getAsLong()));
        synchronized (b) {
            long now = nanos.getAsLong();
            b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * perSecond);
            b.last = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
