package io.prewarm.emergency;

import io.prewarm.console.ConsoleSources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static io.prewarm.emergency.EmergencyTestProfile.ALL;
import static io.prewarm.emergency.Http.bearer;
import static io.prewarm.emergency.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The console over plain HTTP (no browser): what it serves, with which headers, to whom. */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class ConsoleResourceTest {
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EmergencyService service;

    @Inject
    ConsoleSources sources;

    @TempDir
    Path tmp;

    GitOpsRepo repo;

    @BeforeEach
    void start() throws Exception {
        repo = new GitOpsRepo(tmp);
        ConsoleFixtures.commitPlan(repo);
        sources.configure(Optional.empty(), false, Optional.empty());
        repo.start(service, new GitOpsRepo.MovableClock(ConsoleFixtures.NOW));
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void rootRedirectsToTheConsole() {
        Http.Answer root = send(port, "GET", "/", null);
        assertThat(root.status()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/console");
    }

    @Test
    void servesStatusWithoutATokenUnderAStrictContentSecurityPolicy() {
        Http.Answer page = send(port, "GET", "/console", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("prod/checkout", "Planned capacity now", "ops/gitops!42", "<svg class=\"chart\"",
                "prod/search", "No plan file committed yet");
    }

    @Test
    void compressesThePageForClientsThatAcceptGzip() throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/console"))
                        .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("prod/checkout", "</html>");
        assertThat(r.body().length).isLessThan(html.length() / 2);
    }

    @Test
    void servesOnlyItsOwnScriptAndStylesheet() {
        Http.Answer js = send(port, "GET", "/console/assets/console.js", null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.body()).contains("sessionStorage").doesNotContain("localStorage");
        assertThat(send(port, "GET", "/console/assets/console.css", null).headers().firstValue("Content-Type")
                .orElseThrow()).startsWith("text/css");
        assertThat(send(port, "GET", "/console/assets/..%2Fapplication.properties", null).status()).isEqualTo(404);
        assertThat(send(port, "GET", "/console/assets/other.js", null).status()).isEqualTo(404);
    }

    @Test
    void frozenServiceShowsWhoWhyAndTheCommitAndAnUnfreezeReasonIsRecorded() throws Exception {
        Http.Answer frozen = send(port, "POST", "/v1/emergency/freeze", "{\"service\":\"checkout\",\"environment\":\"prod\","
                + "\"count\":12,\"reason\":\"bad <deploy>\",\"actor\":\"alice\"}", "Authorization", bearer(ALL));
        assertThat(frozen.status()).isEqualTo(200);
        String commit = frozen.json().get("commit").asText();

        String page = send(port, "GET", "/console", null).body();
        assertThat(page).contains("frozen at 12", "bad &lt;deploy&gt;", "PREWARM_API_TOKEN (alice)", commit.substring(0, 12));

        Http.Answer unfrozen = send(port, "DELETE", "/v1/emergency/freeze/prod/checkout",
                "{\"reason\":\"rolled back\",\"actor\":\"bob\"}", "Authorization", bearer(ALL));
        assertThat(unfrozen.status()).isEqualTo(200);
        assertThat(repo.log().get(0).getFullMessage()).contains("PREWARM_API_TOKEN (bob)", "rolled back");
        Http.Answer unknown = send(port, "DELETE", "/v1/emergency/freeze/prod/checkout", "{\"why\":\"x\"}",
                "Authorization", bearer(ALL));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("why");
    }
}
