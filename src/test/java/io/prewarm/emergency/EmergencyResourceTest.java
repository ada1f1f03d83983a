package io.prewarm.emergency;

import com.fasterxml.jackson.databind.JsonNode;

import io.prewarm.override.ServiceOverrides;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.prewarm.emergency.EmergencyTestProfile.ALL;
import static io.prewarm.emergency.EmergencyTestProfile.AM;
import static io.prewarm.emergency.EmergencyTestProfile.OPS;
import static io.prewarm.emergency.Http.bearer;
import static io.prewarm.emergency.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The endpoints end to end: real HTTP, real repository on disk, real commits. */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class EmergencyResourceTest {
    static final String SCALE = "/v1/emergency/scale-up";
    static final String FREEZE = "/v1/emergency/freeze";
    static final String CHECKOUT_UP = "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":20,\"reason\":\"flash sale\"}";

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

    @Test
    void readyOnceStartedAndNotReadyAfterStopping() {
        Http.Answer ready = send(port, "GET", "/q/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("emergency-webhook").contains("UP");
        service.stop();
        assertThat(send(port, "GET", "/q/health/ready", null).status()).isEqualTo(503);
        assertThat(send(port, "GET", "/q/health/live", null).status()).isEqualTo(200);
    }

    @Test
    void refusesMissingWrongAndOutOfScopeCredentials() {
        assertThat(post(SCALE, CHECKOUT_UP).status()).isEqualTo(401);
        assertThat(post(SCALE, CHECKOUT_UP, "Authorization", bearer("not-a-token-at-all")).status()).isEqualTo(401);
        Http.Answer otherService = post(SCALE, CHECKOUT_UP, "Authorization", bearer(OPS));
        assertThat(otherService.status()).isEqualTo(403);
        assertThat(otherService.json().get("error").asText()).contains("ops", "prod/checkout");
        assertThat(post("/v1/alertmanager", "{\"version\":\"4\",\"alerts\":[]}", "Authorization", bearer(OPS)).status())
                .isEqualTo(403);
        assertThat(send(port, "DELETE", "/v1/emergency/freeze/prod/checkout", null).status()).isEqualTo(401);
    }

    @Test
    void acceptsAValidSignatureOnceAndRefusesBadOrReplayedOnes() {
        String body = CHECKOUT_UP;
        long now = Instant.now().getEpochSecond();
        String good = Authenticator.signBodyOnly(ALL, now, body.getBytes(StandardCharsets.UTF_8));
        Http.Answer ok = post(SCALE, body, Authenticator.TIMESTAMP, String.valueOf(now), Authenticator.SIGNATURE, good);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        Http.Answer replay = post(SCALE, body, Authenticator.TIMESTAMP, String.valueOf(now), Authenticator.SIGNATURE, good);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("error").asText()).contains("replayed");
        long old = now - 3600;
        Http.Answer stale = post(SCALE, body, Authenticator.TIMESTAMP, String.valueOf(old), Authenticator.SIGNATURE,
                Authenticator.signBodyOnly(ALL, old, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json().get("error").asText()).contains("window");
        String tampered = body.replace("20", "60");
        Http.Answer bad = post(SCALE, tampered, Authenticator.TIMESTAMP, String.valueOf(now + 1),
                Authenticator.SIGNATURE, Authenticator.signBodyOnly(ALL, now + 1, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid signature");
    }

    @Test
    void secretsNeverAppearInAnswersOrLogs() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            List<Http.Answer> answers = new ArrayList<>();
            answers.add(post(SCALE, CHECKOUT_UP, "Authorization", bearer(ALL + "x")));
            answers.add(post(SCALE, CHECKOUT_UP, "Authorization", bearer(OPS)));
            answers.add(post(SCALE, CHECKOUT_UP, "Authorization", bearer(ALL)));
            answers.add(post(SCALE, "{\"service\":\"" + ALL + "\"}", "Authorization", bearer(ALL)));
            answers.add(post(SCALE, CHECKOUT_UP, Authenticator.TIMESTAMP, "1", Authenticator.SIGNATURE, "sha256=" + AM));
            for (Http.Answer a : answers) {
                assertThat(a.body()).doesNotContain(ALL, OPS, AM);
                a.headers().map().values().forEach(v -> assertThat(v.toString()).doesNotContain(ALL, OPS, AM));
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain(ALL, OPS, AM);
    }

    @Test
    void refusesInvalidRequestsNamingTheField() {
        String auth = bearer(ALL);
        Http.Answer unknown = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"x\",\"colour\":1}",
                "Authorization", auth);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");
        Http.Answer type = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"x\",\"target\":\"ten\"}",
                "Authorization", auth);
        assertThat(type.json().get("field").asText()).isEqualTo("target");
        Http.Answer noReason = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\"}", "Authorization", auth);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
        Http.Answer both = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"x\",\"target\":9,"
                + "\"step\":\"+10%\"}", "Authorization", auth);
        assertThat(both.json().get("field").asText()).isEqualTo("step");
        Http.Answer ttl = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"x\",\"ttl\":\"900d\"}",
                "Authorization", auth);
        assertThat(ttl.json().get("field").asText()).isEqualTo("ttl");
        Http.Answer badEnv = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"Prod!\",\"reason\":\"x\"}",
                "Authorization", auth);
        assertThat(badEnv.json().get("field").asText()).isEqualTo("environment");
        Http.Answer unknownService = post(SCALE, "{\"service\":\"nope\",\"environment\":\"prod\",\"reason\":\"x\"}",
                "Authorization", auth);
        assertThat(unknownService.status()).isEqualTo(404);
        assertThat(post(SCALE, "{\"service\":\"checkout\",\"environment\":\"moon\",\"reason\":\"x\"}", "Authorization", auth)
                .status()).isEqualTo(404);
        assertThat(post(SCALE, "{not json", "Authorization", auth).status()).isEqualTo(400);
        assertThat(post(SCALE, "{\"reason\":\"" + "x".repeat(9000) + "\"}", "Authorization", auth).status()).isEqualTo(413);
        Http.Answer newline = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"a\\nPrewarm-Action-Id: forged\"}",
                "Authorization", auth);
        assertThat(newline.json().get("field").asText()).isEqualTo("reason");
        Http.Answer freezeNoCount = post(FREEZE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"reason\":\"x\"}",
                "Authorization", auth);
        assertThat(freezeNoCount.status()).isEqualTo(422);
        assertThat(freezeNoCount.json().get("field").asText()).isEqualTo("count");
    }

    @Test
    void scaleUpIsClampedCommittedAndNamedInTheCommit() throws Exception {
        Http.Answer a = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":500,"
                + "\"reason\":\"launch\",\"actor\":\"alice\"}", "Authorization", bearer(ALL));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode j = a.json();
        assertThat(j.get("count").asInt()).isEqualTo(60);
        assertThat(j.get("requested").asInt()).isEqualTo(500);
        assertThat(j.get("clamped").toString()).contains("\"max\"", "80", "\"safetyCap\"", "60");
        assertThat(j.get("expiresAt").asText()).isEqualTo("2026-11-28T14:00:00Z");
        assertThat(j.get("pipeline").get("status").asText()).isEqualTo("SKIPPED");
        RevCommit head = repo.log().get(0);
        assertThat(head.getName()).isEqualTo(j.get("commit").asText());
        assertThat(head.getFullMessage()).contains(j.get("id").asText(), "Prewarm-Action-Id: " + j.get("id").asText());
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("\"min\" : 60", "PREWARM_API_TOKEN (alice)");
        assertThat(repo.file("generated/prod/checkout/floor.tf")).isPresent();

        Http.Answer step = post(SCALE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"step\":\"+4\",\"current\":10,"
                + "\"reason\":\"more\"}", "Authorization", bearer(ALL));
        // +4 from 10 asks for 14 until 14:00, covered by the floor of 60 until 14:00 in force: nothing to change
        assertThat(step.json().get("requested").asInt()).isEqualTo(14);
        assertThat(step.json().get("countSource").asText()).isEqualTo("request");
        assertThat(step.json().get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(step.json().get("count").asInt()).isEqualTo(60);
        assertThat(repo.log().get(0).getName()).isEqualTo(head.getName());
    }

    @Test
    void repeatingAScaleUpLaterExtendsItsExpiryAndALowerTargetWithALaterExpiryReplacesTheFloor() throws Exception {
        String up = "{\"service\":\"checkout\",\"environment\":\"prod\",\"target\":20,\"reason\":\"sale\"}";
        assertThat(post(SCALE, up, "Authorization", bearer(ALL)).json().get("expiresAt").asText())
                .isEqualTo("2026-11-28T14:00:00Z");
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        Http.Answer extended = post(SCALE, up, "Authorization", bearer(ALL));
        assertThat(extended.json().get("status").asText()).as(extended.body()).isEqualTo("APPLIED");
        assertThat(extended.json().get("expiresAt").asText()).isEqualTo("2026-11-28T14:30:00Z");
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("2026-11-28T14:30:00Z", "\"min\" : 20");
        // the same request with a shorter ttl is covered by the floor in force until 14:30
        Http.Answer shorter = post(SCALE, up.replace("}", ",\"ttl\":\"1h\"}"), "Authorization", bearer(ALL));
        assertThat(shorter.json().get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(shorter.json().get("expiresAt").asText()).isEqualTo("2026-11-28T14:30:00Z");
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        Http.Answer lower = post(SCALE, up.replace("20", "12"), "Authorization", bearer(ALL));
        assertThat(lower.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(lower.json().get("count").asInt()).isEqualTo(12);
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("2026-11-28T15:00:00Z", "\"min\" : 12");
    }

    @Test
    void refreezingAtTheSameCountWithALaterExpiryExtendsItAndAnEarlierOneChangesNothing() throws Exception {
        String freeze = "{\"service\":\"checkout\",\"environment\":\"prod\",\"count\":9,\"reason\":\"x\",\"ttl\":\"1h\"}";
        assertThat(post(FREEZE, freeze, "Authorization", bearer(ALL)).json().get("status").asText()).isEqualTo("APPLIED");
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        Http.Answer later = post(FREEZE, freeze, "Authorization", bearer(ALL));
        assertThat(later.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(later.json().get("expiresAt").asText()).isEqualTo("2026-11-28T13:10:00Z");
        Http.Answer earlier = post(FREEZE, freeze.replace("1h", "30m"), "Authorization", bearer(ALL));
        assertThat(earlier.json().get("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(earlier.json().get("expiresAt").asText()).isEqualTo("2026-11-28T13:10:00Z");
    }

    @Test
    void concurrentDuplicatesMakeOneActionAndOneCommit() throws Exception {
        int before = repo.log().size();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Http.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(() -> post(SCALE, CHECKOUT_UP, "Authorization", bearer(ALL), "Idempotency-Key", "incident-42"));
        }
        Set<String> ids = new java.util.HashSet<>();
        Set<String> commits = new java.util.HashSet<>();
        for (Future<Http.Answer> f : pool.invokeAll(calls)) {
            Http.Answer a = f.get();
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            ids.add(a.json().get("id").asText());
            commits.add(a.json().get("commit").asText());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(commits).hasSize(1);
        assertThat(repo.log()).hasSize(before + 1);

        service.stop();
        repo.start(service, clock);
        Http.Answer afterRestart = post(SCALE, CHECKOUT_UP, "Authorization", bearer(ALL), "Idempotency-Key", "incident-42");
        assertThat(afterRestart.json().get("id").asText()).isEqualTo(ids.iterator().next());
        assertThat(afterRestart.json().get("commit").asText()).isEqualTo(commits.iterator().next());
        assertThat(afterRestart.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(repo.log()).hasSize(before + 1);
    }

    @Test
    void freezeLocksAndUnfreezeRestoresThePlanAndExpiryEndsIt() throws Exception {
        String original = repo.file("generated/prod/checkout/main.tf").orElseThrow();
        Http.Answer f = post(FREEZE, "{\"service\":\"checkout\",\"environment\":\"prod\",\"count\":12,\"reason\":\"bad deploy\","
                + "\"ttl\":\"1h\"}", "Authorization", bearer(ALL));
        assertThat(f.status()).as(f.body()).isEqualTo(200);
        assertThat(repo.file("generated/prod/checkout/freeze.tf")).isPresent();
        JsonNode listed = send(port, "GET", "/v1/emergency", null).json().get("active");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("freeze");
        assertThat(listed.get(0).get("commit").asText()).isEqualTo(f.json().get("commit").asText());
        assertThat(listed.get(0).get("actor").asText()).isEqualTo("PREWARM_API_TOKEN");

        Http.Answer blocked = post(SCALE, CHECKOUT_UP, "Authorization", bearer(ALL));
        assertThat(blocked.status()).isEqualTo(409);

        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(send(port, "GET", "/v1/emergency", null).json().get("active")).isEmpty();
        clock.now = clock.now.minus(Duration.ofMinutes(61));

        Http.Answer un = send(port, "DELETE", "/v1/emergency/freeze/prod/checkout", null, "Authorization", bearer(ALL));
        assertThat(un.status()).as(un.body()).isEqualTo(200);
        assertThat(un.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(repo.file("overrides/prod/checkout.json")).isEmpty();
        assertThat(repo.file("generated/prod/checkout/freeze.tf")).isEmpty();
        assertThat(repo.file("generated/prod/checkout/main.tf")).contains(original);
        Http.Answer again = send(port, "DELETE", "/v1/emergency/freeze/prod/checkout", null, "Authorization", bearer(ALL));
        assertThat(again.json().get("status").asText()).isEqualTo("NO_CHANGE");
    }

    @Test
    void labelledAlertFreezesOnFiringAndUnfreezesOnResolvedOnce() throws Exception {
        String firing = alert("firing", "fp1", "prewarm_action", "freeze", "prewarm_count", "9");
        int before = repo.log().size();
        for (int i = 0; i < 3; i++) {
            Http.Answer a = post("/v1/alertmanager", firing, "Authorization", bearer(AM));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().get("alerts").get(0).get("answer").get("count").asInt()).isEqualTo(9);
        }
        assertThat(repo.log()).hasSize(before + 1);
        assertThat(repo.file("overrides/prod/checkout.json").orElseThrow()).contains("\"count\" : 9");
        Http.Answer resolved = post("/v1/alertmanager", alert("resolved", "fp1", "prewarm_action", "freeze",
                "prewarm_count", "9"), "Authorization", bearer(AM));
        assertThat(resolved.json().get("alerts").get(0).get("answer").get("action").asText()).isEqualTo("unfreeze");
        assertThat(repo.file("overrides/prod/checkout.json")).isEmpty();
        assertThat(repo.log()).hasSize(before + 2);
    }

    @Test
    void ruleMapsAnAlertWithoutPrewarmLabelsAndIgnoresOthers() throws Exception {
        Http.Answer a = post("/v1/alertmanager", alert("firing", "fp2", "alertname", "CheckoutQueueDeep", "team", "payments"),
                "Authorization", bearer(AM));
        JsonNode item = a.json().get("alerts").get(0);
        assertThat(item.get("outcome").asText()).as(a.body()).isEqualTo("acted");
        assertThat(item.get("answer").get("action").asText()).isEqualTo("scale-up");
        // the largest count the plan schedules (14) + 50%
        assertThat(item.get("answer").get("count").asInt()).isEqualTo(21);
        assertThat(item.get("answer").get("countSource").asText()).isEqualTo("plan");
        Http.Answer other = post("/v1/alertmanager", alert("firing", "fp3", "alertname", "DiskFull"), "Authorization", bearer(AM));
        assertThat(other.json().get("alerts").get(0).get("outcome").asText()).isEqualTo("ignored");
        Http.Answer resolved = post("/v1/alertmanager", alert("resolved", "fp2", "alertname", "CheckoutQueueDeep", "team",
                "payments"), "Authorization", bearer(AM));
        assertThat(resolved.json().get("alerts").get(0).get("answer").get("action").asText()).isEqualTo("end-scale-up");
        assertThat(repo.file("overrides/prod/checkout.json")).isEmpty();
        assertThat(post("/v1/alertmanager", "{\"version\":\"3\",\"alerts\":[]}", "Authorization", bearer(AM))
                .json().get("field").asText()).isEqualTo("version");
    }

    static String alert(String status, String fingerprint, String... labels) {
        StringBuilder l = new StringBuilder("{\"service\":\"checkout\",\"environment\":\"prod\"");
        for (int i = 0; i < labels.length; i += 2) {
            l.append(",\"").append(labels[i]).append("\":\"").append(labels[i + 1]).append('"');
        }
        l.append('}');
        return "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"" + status + "\",\"receiver\":\"prewarm\","
                + "\"alerts\":[{\"status\":\"" + status + "\",\"labels\":" + l + ",\"annotations\":{\"summary\":\"queue deep\"},"
                + "\"startsAt\":\"2026-11-28T11:58:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"" + fingerprint + "\"}]}";
    }

    static ServiceOverrides none() {
        return ServiceOverrides.none();
    }
}
