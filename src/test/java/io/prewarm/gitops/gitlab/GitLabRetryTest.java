package io.prewarm.gitops.gitlab;

import io.prewarm.gitops.GitOpsException;
import io.prewarm.common.Configs;
import io.smallrye.faulttolerance.api.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GitLab retry policy without CDI (SmallRye Fault Tolerance standalone) and without a network. */
class GitLabRetryTest {

    static GitLabConfig settings(int attempts, Duration backoff) {
        return Configs.mapping(GitLabConfig.class, Map.of("url", "http://localhost:1/api/v4", "project",
                "platform/gitops", "max-attempts", String.valueOf(attempts), "backoff", backoff.toMillis() + "ms"));
    }

    static GitLabRetry.Transient transientFailure(Optional<Duration> retryAfter) {
        return new GitLabRetry.Transient("listing", 1, "http 503", retryAfter,
                new GitOpsException("listing: gitlab answered 503: down"));
    }

    @Test
    void waitsDoubleFromTheConfiguredBackoff() {
        GitLabRetry.Waits waits = new GitLabRetry.Waits();
        waits.init(1);
        assertThat(List.of(waits.nextDelayInMillis(transientFailure(Optional.empty())),
                waits.nextDelayInMillis(transientFailure(Optional.empty())),
                waits.nextDelayInMillis(transientFailure(Optional.empty())))).containsExactly(1L, 2L, 4L);
    }

    @Test
    void retryAfterReplacesTheWaitWhenItIsAtMostAMinute() {
        GitLabRetry.Waits waits = new GitLabRetry.Waits();
        waits.init(100);
        assertThat(waits.nextDelayInMillis(transientFailure(Optional.of(Duration.ofSeconds(3))))).isEqualTo(3000);
        assertThat(waits.nextDelayInMillis(transientFailure(Optional.of(Duration.ofSeconds(61))))).isEqualTo(200);
    }

    @Test
    void transientFailuresAreRetriedUpToTheAttemptLimitOthersNever() throws Exception {
        Guard guard = GitLabRetry.guard(settings(3, Duration.ofMillis(1)));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> guard.call(() -> {
            calls.incrementAndGet();
            throw transientFailure(Optional.empty());
        }, String.class)).isInstanceOf(GitLabRetry.Transient.class);
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> guard.call(() -> {
            calls.incrementAndGet();
            throw new GitOpsException("listing: gitlab answered 401 unauthorized");
        }, String.class)).isInstanceOf(GitOpsException.class).hasMessageContaining("401");
        assertThat(calls).hasValue(1);

        calls.set(0);
        assertThat(guard.call(() -> {
            if (calls.incrementAndGet() < 2) {
                throw transientFailure(Optional.empty());
            }
            return "ok";
        }, String.class)).isEqualTo("ok");
        assertThat(calls).hasValue(2);
    }
}
