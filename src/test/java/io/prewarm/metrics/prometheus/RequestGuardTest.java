package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard without a network and without CDI (SmallRye Fault Tolerance standalone): in-flight bound,
 * retry classification, real waits and the circuit breaker.
 */
class RequestGuardTest {
    static final Transport.Reply OK = new Transport.Reply(200, "{}".getBytes(), "application/json", Optional.empty());
    static final RequestGuard.Call REFUSED = () -> {
        throw new TransportException(TransportException.Kind.CONNECT, "connection refused", null);
    };
    static final RequestGuard.Call TIMES_OUT = () -> {
        throw new TransportException(TransportException.Kind.TIMEOUT, "read timed out", null);
    };
    static final RequestGuard.Call NOT_FOUND = () -> new Transport.Reply(404, "404 page not found".getBytes(),
            "text/plain", Optional.empty());

    /** Short waits without jitter, so retries are real but fast. */
    static PrometheusConfig fast() {
        return fast(Map.of());
    }

    /** {@link #fast()} with further {@code prewarm.prometheus.*} values (names relative to the prefix). */
    static PrometheusConfig fast(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("retry.max-attempts", "3", "retry.initial-backoff", "20ms",
                "retry.max-backoff", "100ms", "retry.jitter", "0", "retry.jitter-seed", "1"));
        values.putAll(overrides);
        return PrometheusConfigs.of(values);
    }

    /** No retries, so each failure is one attempt the breaker sees. */
    static RequestGuard singleAttempt(int breakerThreshold, Duration openFor) {
        return new RequestGuard(fast(Map.of("retry.max-attempts", "1", "retry.initial-backoff", "1ms",
                "retry.max-backoff", "1ms", "circuit-breaker.failure-threshold", String.valueOf(breakerThreshold),
                "circuit-breaker.open-for", openFor.toMillis() + "ms")));
    }

    static RequestGuard.Call counting(AtomicInteger calls, RequestGuard.Call call) {
        return () -> {
            calls.incrementAndGet();
            return call.run();
        };
    }

    static void failTwice(RequestGuard guard, RequestGuard.Call refused) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.execute(refused, new RequestGuard.Counters())).hasMessage("connection refused");
        }
    }

    @Test
    void neverMoreRequestsInFlightThanConfiguredWhateverTheNumberOfCallers() throws Exception {
        RequestGuard guard = new RequestGuard(fast(Map.of("max-in-flight", "2")));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Transport.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return guard.execute(() -> {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        return OK;
                    }, new RequestGuard.Counters());
                }));
            }
            go.countDown();
            for (Future<Transport.Reply> f : futures) {
                assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void clientErrorsOtherThan429AreNotRetriedAndGetAHint() {
        RequestGuard guard = new RequestGuard(fast());
        RequestGuard.Counters c = new RequestGuard.Counters();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> guard.execute(() -> {
            calls.incrementAndGet();
            return NOT_FOUND.run();
        }, c)).hasMessage("HTTP 404: 404 page not found (is the URL the server's base, without /api/v1?)");
        assertThat(calls).hasValue(1);
        assertThat(c.attempts).isEqualTo(1);
        assertThat(c.retries).isZero();
    }

    @Test
    void transportFailuresAreRetriedUpToTheAttemptLimitAfterDoublingWaitsAndCounted() throws Exception {
        RequestGuard guard = new RequestGuard(fast());
        RequestGuard.Counters c = new RequestGuard.Counters();
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        Transport.Reply r = guard.execute(() -> calls.incrementAndGet() < 3 ? REFUSED.run() : OK, c);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.status()).isEqualTo(200);
        assertThat(c.attempts).isEqualTo(3);
        assertThat(c.retries).isEqualTo(2);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(20 + 40);
    }

    @Test
    void theLastAttemptsFailureIsReportedWithTheAttemptCount() {
        RequestGuard guard = new RequestGuard(fast());
        RequestGuard.Counters c = new RequestGuard.Counters();
        assertThatThrownBy(() -> guard.execute(REFUSED, c)).hasMessage("connection refused (after 3 attempts)");
        assertThat(c.attempts).isEqualTo(3);
        assertThatThrownBy(() -> new RequestGuard(fast(Map.of("retry.max-attempts", "1", "retry.initial-backoff", "1ms", "retry.max-backoff", "1ms")))
                .execute(REFUSED, new RequestGuard.Counters())).hasMessage("connection refused");
    }

    @Test
    void theBreakerOpensAfterTheThresholdConsecutiveFailuresAndSaysWhy() {
        RequestGuard guard = singleAttempt(2, Duration.ofSeconds(30));
        AtomicInteger calls = new AtomicInteger();
        RequestGuard.Call refused = counting(calls, REFUSED);
        failTwice(guard, refused);
        assertThatThrownBy(() -> guard.execute(refused, new RequestGuard.Counters()))
                .hasMessage("circuit open after 2 consecutive failures (last: connection refused); not contacting the"
                        + " server for 30s");
        assertThat(calls).hasValue(2);
    }

    @Test
    void afterItsDelayTheBreakerLetsAProbeThroughAndReopensIfItFails() throws Exception {
        // The first opening may start the library's timer thread, which can take a while on a busy machine,
        // so this test waits out each delay instead of checking the refusal right after the first opening.
        RequestGuard guard = singleAttempt(2, Duration.ofSeconds(1));
        AtomicInteger calls = new AtomicInteger();
        RequestGuard.Call refused = counting(calls, REFUSED);
        failTwice(guard, refused);

        Thread.sleep(1_200);
        assertThatThrownBy(() -> guard.execute(TIMES_OUT, new RequestGuard.Counters())) // the probe fails
                .hasMessage("timed out after 60000 ms");
        assertThatThrownBy(() -> guard.execute(refused, new RequestGuard.Counters()))
                .hasMessageStartingWith("circuit open after 2 consecutive failures (last: timed out after 60000 ms)");
        assertThat(calls).hasValue(2);

        Thread.sleep(1_200);
        assertThat(guard.execute(() -> OK, new RequestGuard.Counters()).status()).isEqualTo(200); // the probe succeeds
        assertThatThrownBy(() -> guard.execute(refused, new RequestGuard.Counters())).hasMessage("connection refused");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anAnswerEvenAClientErrorResetsTheFailureCount() throws Exception {
        RequestGuard guard = singleAttempt(2, Duration.ofSeconds(30));
        assertThatThrownBy(() -> guard.execute(REFUSED, new RequestGuard.Counters())).hasMessage("connection refused");
        assertThatThrownBy(() -> guard.execute(NOT_FOUND, new RequestGuard.Counters())).hasMessageStartingWith("HTTP 404");
        assertThatThrownBy(() -> guard.execute(REFUSED, new RequestGuard.Counters())).hasMessage("connection refused");
        assertThat(guard.execute(() -> OK, new RequestGuard.Counters()).status()).isEqualTo(200);
    }
}
