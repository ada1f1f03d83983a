package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor without a network: in-flight bound and retry classification. */
class RequestExecutorTest {
    static final Transport.Reply OK = new Transport.Reply(200, "{}".getBytes(), "application/json", Optional.empty());

    private static RequestExecutor executor(PrometheusConfig s, List<Duration> sleeps) {
        return new RequestExecutor(s, new CircuitBreaker(s.circuitBreaker().failureThreshold(),
                s.circuitBreaker().openFor(), Clock.systemUTC()),
                new Backoff(s.retry().initialBackoff(), s.retry().maxBackoff(), s.retry().jitter(), new Random(1)),
                sleeps::add);
    }

    @Test
    void neverMoreRequestsInFlightThanConfiguredWhateverTheNumberOfCallers() throws Exception {
        RequestExecutor ex = executor(PrometheusConfigs.of(Map.of("max-in-flight", "2")), new ArrayList<>());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Transport.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return ex.execute(() -> {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        return OK;
                    }, new RequestExecutor.Counters());
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
        List<Duration> sleeps = new ArrayList<>();
        RequestExecutor ex = executor(PrometheusConfigs.defaults(), sleeps);
        RequestExecutor.Counters c = new RequestExecutor.Counters();
        assertThatThrownBy(() -> ex.execute(() -> new Transport.Reply(404, "404 page not found".getBytes(), "text/plain",
                Optional.empty()), c)).hasMessage("HTTP 404: 404 page not found (is the URL the server's base,"
                + " without /api/v1?)");
        assertThat(c.attempts).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transportFailuresAreRetriedUpToTheAttemptLimitAndCounted() {
        List<Duration> sleeps = new ArrayList<>();
        RequestExecutor ex = executor(PrometheusConfigs.defaults(), sleeps);
        RequestExecutor.Counters c = new RequestExecutor.Counters();
        AtomicInteger calls = new AtomicInteger();
        Transport.Reply r = assertThatNoFailure(ex, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new TransportException(TransportException.Kind.CONNECT, "connection refused", null);
            }
            return OK;
        }, c);
        assertThat(r.status()).isEqualTo(200);
        assertThat(c.attempts).isEqualTo(3);
        assertThat(c.retries).isEqualTo(2);
        assertThat(sleeps).hasSize(2);
    }

    private static Transport.Reply assertThatNoFailure(RequestExecutor ex, RequestExecutor.Call call,
                                                       RequestExecutor.Counters c) {
        try {
            return ex.execute(call, c);
        } catch (RequestExecutor.FailedException e) {
            throw new AssertionError("unexpected failure: " + e.getMessage(), e);
        }
    }
}
