package io.prewarm.emergency;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static io.prewarm.emergency.EmergencyTestProfile.ALL;
import static io.prewarm.emergency.Http.bearer;
import static io.prewarm.emergency.Http.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The holes of issue #17 in the webhook, end to end over real HTTP and a real repository on disk: replays of
 * signed requests after a restart or at another replica, idempotency keys reused with another body, duplicate
 * keys and deep nesting in JSON, repeats that change nothing, and the 503 while starting.
 */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class WebhookTrustTest {
    static final String SCALE = "/v1/emergency/scale-up";
    static final String FREEZE = "/v1/emergency/freeze";
    static final String FREEZE_12 = "{\"service\":\"checkout\",\"environment\":\"prod\",\"count\":12,\"reason\":\"bad deploy\"}";
    static final String UNFREEZE = "/v1/emergency/freeze/prod/checkout";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EmergencyService service;

    @TempDir
    Path tmp;

    GitOpsRepo repo;
    GitOpsRepo.MovableClock clock = new GitOpsRepo.MovableClock(Instant.parse("2026-11-28T12:00:00Z"));

    @BeforeEach
    void startOnFreshRepository() throws Exception {
        repo = new GitOpsRepo(tmp);
        repo.start(service, clock);
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    private Http.Answer post(String path, String body, String... headers) {
        return send(port, "POST", path, body, headers);
    }

    /** A second process on the same repository: its own signature memory and its own state, read from Git. */
    private record Replica(Authenticator auth, EmergencyService service) {
        Action unfreeze(long ts, String signature) {
            Caller c = auth.authenticate(null, String.valueOf(ts), signature, "DELETE", UNFREEZE, new byte[0], false);
            return Requests.unfreeze("prod", "checkout", new byte[0], c, Optional.empty())
                    .from(Requests.digest("DELETE", UNFREEZE, new byte[0]), c);
        }
    }

    private Replica replica() {
        EmergencyService other = new EmergencyService();
        repo.start(other, clock);
        return new Replica(new Authenticator(Map.of(), Optional.of(ALL), Duration.ofMinutes(5), Clock.systemUTC()), other);
    }

    @Test
    void signedUnfreezeReplayedAtARestartedOrOtherReplicaIsRefusedAndTheFreezeStays() throws Exception {
        Replica runningBefore = replica(); // started before the first request: knows nothing of it
        try {
            assertThat(post(FREEZE, FREEZE_12, "Authorization", bearer(ALL)).status()).isEqualTo(200);
            long ts = Instant.now().getEpochSecond();
            String sig = Authenticator.sign(ALL, ts, "DELETE", UNFREEZE, new byte[0]);
            Http.Answer lifted = send(port, "DELETE", UNFREEZE, null, Authenticator.TIMESTAMP, String.valueOf(ts),
                    Authenticator.SIGNATURE, sig);
            assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
            assertThat(lifted.json().get("status").asText()).isEqualTo("APPLIED");
            assertThat(repo.log().get(0).getFullMessage()).contains(Trailers.SIGNED + ": sha256=")
                    .doesNotContain(sig.substring(7), ALL);
            // the operator freezes again
            assertThat(post(FREEZE, FREEZE_12.replace("bad deploy", "still bad"), "Authorization", bearer(ALL)).status())
                    .isEqualTo(200);
            int commits = repo.log().size();

            // a restart (or a replica started later) rebuilds from Git and refuses at once
            service.stop();
            Replica restarted = replica();
            try {
                assertThatThrownBy(() -> restarted.service().submit(restarted.unfreeze(ts, sig)))
                        .isInstanceOfSatisfying(ApiException.class, e -> {
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.getMessage()).contains("replayed");
                        });
            } finally {
                restarted.service().stop();
            }
            // a replica that was already running finds the signature in the commits it fetches before writing
            EmergencyService.Submitted s = runningBefore.service().submit(runningBefore.unfreeze(ts, sig));
            assertThatThrownBy(() -> s.answer().join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

            assertThat(repo.log()).hasSize(commits);
            assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("still bad", "\"count\" : 12");
        } finally {
            runningBefore.service().stop();
        }
    }

    @Test
    void signedDeleteForOneServiceReplayedOnAnotherPathIsRefusedWithoutConsumingTheSignature() throws Exception {
        String search = "/v1/emergency/freeze/prod/search";
        assertThat(post(FREEZE, FREEZE_12, "Authorization", bearer(ALL)).status()).isEqualTo(200);
        assertThat(post(FREEZE, FREEZE_12.replace("checkout", "search"), "Authorization", bearer(ALL)).status()).isEqualTo(200);
        // a second no other test signs in (they use now): the same key, method, path and empty body signed in the
        // same second by an earlier test would be the same signature, already used
        long ts = Instant.now().getEpochSecond() - 61;
        String forCheckout = Authenticator.sign(ALL, ts, "DELETE", UNFREEZE, new byte[0]);
        Http.Answer moved = send(port, "DELETE", search, null, Authenticator.TIMESTAMP, String.valueOf(ts),
                Authenticator.SIGNATURE, forCheckout);
        assertThat(moved.status()).isEqualTo(401);
        assertThat(moved.json().get("error").asText()).isEqualTo("invalid signature");
        assertThat(repo.file("overrides/prod/search.json")).isPresent();
        // the failed attempt elsewhere did not use it up: the request it was made for still works, once
        Http.Answer own = send(port, "DELETE", UNFREEZE, null, Authenticator.TIMESTAMP, String.valueOf(ts),
                Authenticator.SIGNATURE, forCheckout);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(repo.file("overrides/prod/checkout.json")).isEmpty();

        // the older form (timestamp and body only) is refused for a DELETE whose body does not name its path
        String legacy = Authenticator.signBodyOnly(ALL, ts, new byte[0]);
        Http.Answer bodyOnly = send(port, "DELETE", search, null, Authenticator.TIMESTAMP, String.valueOf(ts),
                Authenticator.SIGNATURE, legacy);
        assertThat(bodyOnly.status()).isEqualTo(401);
        assertThat(bodyOnly.json().get("error").asText()).contains("sign \"<timestamp>.DELETE " + search + "\\n<body>\"");
        String naming = "{\"environment\":\"prod\",\"service\":\"search\"}";
        String namingSig = Authenticator.signBodyOnly(ALL, ts, naming.getBytes(StandardCharsets.UTF_8));
        assertThat(send(port, "DELETE", UNFREEZE, naming, Authenticator.TIMESTAMP, String.valueOf(ts),
                Authenticator.SIGNATURE, namingSig).status()).isEqualTo(401);
        Http.Answer named = send(port, "DELETE", search, naming, Authenticator.TIMESTAMP, String.valueOf(ts),
                Authenticator.SIGNATURE, namingSig);
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertThat(repo.file("overrides/prod/search.json")).isEmpty();

        // the bound form for POST, and the older form for POST (its body names the service) are both accepted
        byte[] bound = FREEZE_12.getBytes(StandardCharsets.UTF_8);
        assertThat(post(FREEZE, FREEZE_12, Authenticator.TIMESTAMP, String.valueOf(ts), Authenticator.SIGNATURE,
                Authenticator.sign(ALL, ts, "POST", FREEZE, bound)).status()).isEqualTo(200);
        String older = FREEZE_12.replace("checkout", "search");
        assertThat(post(FREEZE, older, Authenticator.TIMESTAMP, String.valueOf(ts), Authenticator.SIGNATURE,
                Authenticator.signBodyOnly(ALL, ts, older.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(200);
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIs422NamingTheKeyAlsoAfterARestart() throws Exception {
        String first = "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":20,\"reason\":\"sale\"}";
        String other = first.replace("20", "30");
        assertThat(post(SCALE, first, "Authorization", bearer(ALL), "Idempotency-Key", "incident-7").status()).isEqualTo(200);
        int commits = repo.log().size();
        Http.Answer reused = post(SCALE, other, "Authorization", bearer(ALL), "Idempotency-Key", "incident-7");
        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(reused.json().get("error").asText()).contains("incident-7", "different request");

        service.stop();
        repo.start(service, clock);
        Http.Answer afterRestart = post(SCALE, other, "Authorization", bearer(ALL), "Idempotency-Key", "incident-7");
        assertThat(afterRestart.status()).as(afterRestart.body()).isEqualTo(422);
        Http.Answer retry = post(SCALE, first, "Authorization", bearer(ALL), "Idempotency-Key", "incident-7");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(repo.log()).hasSize(commits);
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("\"min\" : 20");
    }

    @Test
    void refreezingAtTheSameCountAndRepeatingAScaleUpAnswerNoChangeWithoutACommit() throws Exception {
        assertThat(post(FREEZE, FREEZE_12, "Authorization", bearer(ALL)).json().get("status").asText()).isEqualTo("APPLIED");
        int commits = repo.log().size();
        Http.Answer again = post(FREEZE, FREEZE_12, "Authorization", bearer(ALL));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(again.json().get("message").asText()).contains("already in force");
        assertThat(again.json().has("commit")).isFalse();
        assertThat(repo.log()).hasSize(commits);
        assertThat(post(FREEZE, FREEZE_12.replace("12", "13"), "Authorization", bearer(ALL)).json().get("status").asText())
                .isEqualTo("APPLIED");
        assertThat(send(port, "DELETE", UNFREEZE, null, "Authorization", bearer(ALL)).status()).isEqualTo(200);

        String up = "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":20,\"reason\":\"sale\"}";
        assertThat(post(SCALE, up, "Authorization", bearer(ALL)).json().get("status").asText()).isEqualTo("APPLIED");
        commits = repo.log().size();
        for (String same : new String[]{up, up.replace("20", "15")}) {
            Http.Answer repeat = post(SCALE, same, "Authorization", bearer(ALL));
            assertThat(repeat.json().get("status").asText()).as(repeat.body()).isEqualTo("NO_CHANGE");
            assertThat(repeat.json().get("count").asInt()).isEqualTo(20);
        }
        assertThat(repo.log()).hasSize(commits);
        assertThat(post(SCALE, up.replace("20", "30"), "Authorization", bearer(ALL)).json().get("status").asText())
                .isEqualTo("APPLIED");
        assertThat(repo.log()).hasSize(commits + 1);
    }

    @Test
    void duplicateKeysAreRefusedWith400AndNothingIsScaled() throws Exception {
        int commits = repo.log().size();
        Http.Answer dup = post(SCALE, "{\"service\":\"checkout\",\"service\":\"search\",\"environment\":\"prod\","
                + "\"target\":20,\"reason\":\"x\"}", "Authorization", bearer(ALL));
        assertThat(dup.status()).as(dup.body()).isEqualTo(400);
        assertThat(dup.json().get("error").asText()).contains("'service'", "twice");
        Http.Answer am = post("/v1/alertmanager", EmergencyResourceTest.alert("firing", "fp9", "prewarm_action", "freeze",
                "prewarm_count", "9").replace("\"version\":\"4\"", "\"version\":\"4\",\"version\":\"4\""),
                "Authorization", bearer(ALL));
        assertThat(am.status()).as(am.body()).isEqualTo(400);
        assertThat(am.json().get("error").asText()).contains("'version'");
        assertThat(repo.log()).hasSize(commits);
    }

    @Test
    void deepNestingAndNonObjectBodiesAre400AndOversizedOnes413AllAsJson() {
        for (String body : new String[]{"[".repeat(8000), "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "null",
                "[]", "42"}) {
            for (String path : new String[]{SCALE, "/v1/alertmanager"}) {
                Http.Answer a = post(path, body, "Authorization", bearer(ALL));
                assertThat(a.status()).as(path + " " + a.body()).isEqualTo(400);
                assertThat(a.headers().firstValue("Content-Type").orElse("")).contains("application/json");
                assertThat(a.json().get("error").asText()).isNotBlank();
            }
        }
        Http.Answer big = post(SCALE, "[".repeat(40_000), "Authorization", bearer(ALL));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("error").asText()).contains("over the limit");
    }

    @Test
    void answers503SayingWhetherTheRepositoryIsStillBeingReadUnusableOrTheServiceStopped() {
        String up = "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":20,\"reason\":\"x\"}";
        service.stop();
        Http.Answer stopped = post(SCALE, up, "Authorization", bearer(ALL));
        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.json().get("error").asText()).contains("stopped").doesNotContain("run prewarm serve");
        service.starting();
        Http.Answer starting = post(SCALE, up, "Authorization", bearer(ALL));
        assertThat(starting.status()).isEqualTo(503);
        assertThat(starting.json().get("error").asText()).contains("still cloning and reading the GitOps repository",
                "retry");
        assertThat(starting.headers().firstValue("Retry-After")).isPresent();
        EmergencyService notStarted = new EmergencyService();
        assertThatThrownBy(notStarted::active).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                .contains("still cloning"));
        notStarted.failed("--repo: not given, and /srv is not inside a Git repository");
        assertThatThrownBy(notStarted::active).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                .contains("no usable GitOps repository", "--repo: not given", "restart serve"));
    }

}
