package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.ReadEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The custom backoff the guard uses: doubling, jitter, Retry-After up to the maximum. */
class RetryDelaysTest {
    static final Throwable FAILED = new RequestGuard.AttemptFailure("HTTP 503", ReadEvents.Cause.SERVER_ERROR,
            Optional.empty());

    static Throwable rateLimited(long retryAfterSeconds) {
        return new RequestGuard.AttemptFailure("HTTP 429", ReadEvents.Cause.RATE_LIMITED, Optional.of(retryAfterSeconds));
    }

    static RetryDelays delays(long initialMs, Duration max, double jitter, long seed) {
        RetryDelays d = new RetryDelays(max, jitter, new Random(seed));
        d.init(initialMs);
        return d;
    }

    @Test
    void backoffDoublesUpToTheMaximumAndTheSameSeedGivesTheSameDelays() {
        RetryDelays a = delays(500, Duration.ofSeconds(3), 0.5, 7);
        RetryDelays b = delays(500, Duration.ofSeconds(3), 0.5, 7);
        for (int retry = 1; retry <= 6; retry++) {
            long base = Math.min(3000, 500L << (retry - 1));
            long d = a.nextDelayInMillis(FAILED);
            assertThat(d).isBetween(base / 2, base);
            assertThat(b.nextDelayInMillis(FAILED)).isEqualTo(d);
        }
    }

    @Test
    void withoutJitterTheDelaysAreExact() {
        RetryDelays d = delays(100, Duration.ofSeconds(1), 0, 1);
        assertThat(d.nextDelayInMillis(FAILED)).isEqualTo(100);
        assertThat(d.nextDelayInMillis(FAILED)).isEqualTo(200);
        assertThat(d.nextDelayInMillis(FAILED)).isEqualTo(400);
        for (int i = 0; i < 30; i++) {
            d.nextDelayInMillis(FAILED);
        }
        assertThat(d.nextDelayInMillis(FAILED)).isEqualTo(1000);
    }

    @Test
    void retryAfterIsHonouredUpToTheMaximum() {
        assertThat(delays(100, Duration.ofSeconds(10), 0, 1).nextDelayInMillis(rateLimited(3))).isEqualTo(3000);
        assertThat(delays(100, Duration.ofSeconds(1), 0, 1).nextDelayInMillis(rateLimited(5))).isEqualTo(1000);
        assertThat(delays(100, Duration.ofSeconds(1), 0, 1).nextDelayInMillis(rateLimited(3600))).isEqualTo(1000);
    }
}
