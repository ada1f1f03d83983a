package io.prewarm.telemetry;

import io.prewarm.pipeline.EmergencyEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class MetricsResourceTest {
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextByDefault() throws Exception {
        HttpResponse<String> r = get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(r.body()).contains("# TYPE prewarm_build_info gauge").contains("prewarm_build_info{version=");
    }

    @Test
    void servesOpenMetricsWhenAsked() throws Exception {
        HttpResponse<String> r = get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                assertThat(ct).startsWith("application/openmetrics-text"));
        assertThat(r.body()).contains("# TYPE prewarm_build info").endsWith("# EOF\n");
    }

    @Inject
    Telemetry telemetry;

    @Test
    void servesPrewarmMetersWithEmergencyRequestsAsTheyHappen() throws Exception {
        telemetry.emergency().request(EmergencyEvents.Endpoint.FREEZE, EmergencyEvents.Outcome.REJECTED,
                EmergencyEvents.Action.FREEZE);
        String body = get("/metrics", null).body();
        assertThat(body).contains("# TYPE prewarm_plan_runs_total counter")
                .containsPattern("prewarm_emergency_requests_total\\{action=\"freeze\",endpoint=\"freeze\",outcome=\"rejected\"\\} [1-9]");
        assertThat(body.lines().filter(l -> l.startsWith("# TYPE prewarm_build_info")).count()).isEqualTo(1);
    }

    @Test
    void liveButNotReadyWhileTheWebhookIsNotStarted() throws Exception {
        HttpResponse<String> live = get("/q/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\": \"UP\"");
        // no serve here: the emergency service never started, so a readiness probe must keep traffic away
        HttpResponse<String> ready = get("/q/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("emergency-webhook").contains("\"status\": \"DOWN\"");
    }
}
