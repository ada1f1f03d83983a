package io.prewarm.gitops.gitlab;

import io.prewarm.gitops.GitOpsException;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The retry policy of GitLab calls, on SmallRye Fault Tolerance's programmatic {@link Guard} (works with
 * and without CDI): at most {@code maxAttempts} attempts of a call that failed with 429, 5xx or a
 * connection failure ({@link Transient}), waiting {@code backoff}, then twice as long each time, or what
 * the server's {@code Retry-After} asks when that is at most a minute.
 */
final class GitLabRetry {
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    private GitLabRetry() {
    }

    static Guard guard(GitLabConfig settings) {
        return Guard.create()
                .withDescription("gitlab call")
                .withRetry()
                    .maxRetries(settings.maxAttempts() - 1)
                    .delay(settings.backoff().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(1, ChronoUnit.DAYS) // bounded by the attempts, not by time
                    .whenException(e -> e instanceof Transient)
                    .withCustomBackoff().strategy(Waits::new).done()
                    .done()
                .build();
    }

    /** An attempt that may succeed when repeated; {@link #failure()} is what to report if none is left. */
    static final class Transient extends Exception {
        private final String what;
        private final int attempt;
        private final String why;
        private final Optional<Duration> retryAfter;
        private final GitOpsException failure;

        Transient(String what, int attempt, String why, Optional<Duration> retryAfter, GitOpsException failure) {
            super(failure.getMessage(), null, false, false);
            this.what = what;
            this.attempt = attempt;
            this.why = why;
            this.retryAfter = retryAfter;
            this.failure = failure;
        }

        GitOpsException failure() {
            return failure;
        }
    }

    /** Doubling waits, or the server's {@code Retry-After}; one per call. */
    static final class Waits implements CustomBackoffStrategy {
        private long waitMs;

        @Override
        public void init(long initialDelayInMillis) {
            waitMs = initialDelayInMillis;
        }

        @Override
        public long nextDelayInMillis(Throwable failure) {
            Transient t = (Transient) failure;
            long d = t.retryAfter.filter(ra -> ra.compareTo(MAX_RETRY_AFTER) <= 0).map(Duration::toMillis).orElse(waitMs);
            waitMs *= 2;
            Log.warnf("gitlab call failed, retrying op=\"%s\" attempt=%d cause=\"%s\" wait_ms=%d", t.what, t.attempt,
                    t.why, d);
            return d;
        }
    }
}
