package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limiting, scopes, signatures and steps, without HTTP. */
class GuardsTest {

    @Test
    void rateLimiterAllowsTheBurstThenTheAverageRatePerClient() {
        AtomicLong nanos = new AtomicLong();
        RateLimiter limiter = new RateLimiter(10, 5, nanos::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void scopedCallerMayOnlyTakeItsActionsOnItsServices() {
        Caller ops = Caller.of("ops", List.of("freeze"), Optional.of(List.of("prod/search", "reports")));
        ops.require("freeze", ServiceKey.of("prod", "search"));
        ops.require("freeze", ServiceKey.of("staging", "reports"));
        assertThatThrownBy(() -> ops.require("scale-up", ServiceKey.of("prod", "search")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> ops.require("freeze", ServiceKey.of("prod", "checkout")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void signatureIsBoundToTimestampAndBody() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        EmergencyConfig.Token t = new EmergencyConfig.Token() {
            public String secret() {
                return "signing-secret-0123456789";
            }

            public List<String> actions() {
                return List.of("alertmanager");
            }

            public Optional<List<String>> services() {
                return Optional.empty();
            }
        };
        Authenticator auth = new Authenticator(Map.of("sig", t), Optional.empty(), Duration.ofMinutes(5), clock);
        long ts = clock.instant().getEpochSecond();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String sig = Authenticator.sign("signing-secret-0123456789", ts, "POST", "/v1/alertmanager", body);
        assertThat(auth.authenticate(null, String.valueOf(ts), sig, "POST", "/v1/alertmanager", body, false).name())
                .isEqualTo("sig");
        assertThatThrownBy(() -> auth.authenticate(null, String.valueOf(ts + 1), sig, "POST", "/v1/alertmanager", body,
                false)).hasMessage("invalid signature");
        assertThatThrownBy(() -> auth.authenticate(null, String.valueOf(ts), sig, "POST", "/v1/alertmanager", body,
                false)).hasMessageContaining("replayed");
        assertThatThrownBy(() -> auth.authenticate("Bearer signing-secret-01234567890", null, null, "POST",
                "/v1/alertmanager", body, false))
                .hasMessage("invalid token");
    }

    @Test
    void stepsParseAndAlwaysAddAtLeastOneInstance() {
        assertThat(Action.Step.parse("+20%", "step").apply(10)).isEqualTo(12);
        assertThat(Action.Step.parse("20%", "step").apply(1)).isEqualTo(2);
        assertThat(Action.Step.parse("+4", "step").apply(10)).isEqualTo(14);
        assertThatThrownBy(() -> Action.Step.parse("-3", "step"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).contains("step"));
        assertThatThrownBy(() -> Action.Step.parse("+0%", "step")).isInstanceOf(ApiException.class);
    }

    @Test
    void durationsAcceptShortAndIsoFormsWithinTheMaximum() {
        assertThat(Requests.duration("90m", "ttl", Duration.ofDays(7))).isEqualTo(Duration.ofMinutes(90));
        assertThat(Requests.duration("PT2H", "ttl", Duration.ofDays(7))).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> Requests.duration("8d", "ttl", Duration.ofDays(7))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Requests.duration("soon", "ttl", Duration.ofDays(7))).isInstanceOf(ApiException.class);
    }

    @Test
    void quickStartTokenShorterThan16CharactersIsRefusedNamingThePropertyNeverTheValue() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> new Authenticator(Map.of(), Optional.of("q"), Duration.ofMinutes(5), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PREWARM_API_TOKEN: must be at least 16 characters");
        assertThatThrownBy(() -> new Authenticator(Map.of(), Optional.of("fifteen-chars-x"), Duration.ofMinutes(5), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("fifteen-chars-x"));
        assertThat(new Authenticator(Map.of(), Optional.of("sixteen-chars-xy"), Duration.ofMinutes(5), clock).hasTokens())
                .isTrue();
    }

    @Test
    void bodiesNestedTooDeeplyOrNotObjectsAreRefusedWith400NotANullPointer() {
        for (String body : new String[]{"[".repeat(40_000), "null", "[]", "42", "\"text\"", " "}) {
            assertThatThrownBy(() -> Requests.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body.length() > 10 ? body.substring(0, 10) : body)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> Requests.parse("[".repeat(40_000).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nested deeper than 32");
        assertThat(Requests.parse(("{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}").getBytes(StandardCharsets.UTF_8))
                .get("a").isArray()).isTrue();
    }

    @Test
    void duplicateFieldsAreRefusedWith400NamingTheField() {
        assertThatThrownBy(() -> Requests.parse("{\"service\":\"checkout\",\"service\":\"search\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("'service'", "twice");
                });
        assertThatThrownBy(() -> Requests.parse("{\"a\":{\"x\":1,\"x\":2}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
