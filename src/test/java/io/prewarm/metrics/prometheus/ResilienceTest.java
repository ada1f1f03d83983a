package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backoff and circuit breaker, without a network. */
class ResilienceTest {

    @Test
    void backoffDoublesUpToTheMaximumAndTheSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 0.5, new Random(7));
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 0.5, new Random(7));
        for (int retry = 1; retry <= 6; retry++) {
            long base = Math.min(3000, 500L << (retry - 1));
            Duration d = a.delay(retry, Optional.empty());
            assertThat(d.toMillis()).isBetween(base / 2, base);
            assertThat(b.delay(retry, Optional.empty())).isEqualTo(d);
        }
    }

    @Test
    void withoutJitterTheDelaysAreExact() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, new Random(1));
        assertThat(b.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(b.delay(30, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1, Optional.of(5L))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theBreakerOpensAfterTheThresholdLetsOneProbeThroughAndReopensIfItFails() throws Exception {
        Instant[] now = {Instant.parse("2026-11-28T00:00:00Z")};
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now[0]; }
        };
        CircuitBreaker cb = new CircuitBreaker(2, Duration.ofSeconds(10), clock);
        cb.acquire();
        cb.onFailure("connection refused");
        cb.acquire();
        cb.onFailure("connection refused");
        assertThatThrownBy(cb::acquire).hasMessage("circuit open after 2 consecutive failures (last: connection"
                + " refused); not contacting the server for 10s");

        now[0] = now[0].plusSeconds(11);
        cb.acquire(); // the probe
        assertThatThrownBy(cb::acquire).isInstanceOf(CircuitBreaker.OpenException.class); // only one probe at a time
        cb.onFailure("timed out");
        assertThatThrownBy(cb::acquire).hasMessageContaining("last: timed out");

        now[0] = now[0].plusSeconds(11);
        cb.acquire();
        cb.onAnswer();
        assertThat(cb.isOpen()).isFalse();
        cb.acquire();
    }

    @Test
    void anAnswerResetsTheFailureCount() throws Exception {
        CircuitBreaker cb = new CircuitBreaker(2, Duration.ofSeconds(10), Clock.systemUTC());
        cb.onFailure("x");
        cb.onAnswer();
        cb.onFailure("x");
        cb.acquire();
        assertThat(cb.isOpen()).isFalse();
    }
}
