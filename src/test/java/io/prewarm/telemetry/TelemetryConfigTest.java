package io.prewarm.telemetry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryConfigTest {
    static TelemetryConfig with(String url, Map<String, String> grouping) {
        Map<String, String> values = new HashMap<>(Map.of("prewarm.pushgateway.url", url,
                "prewarm.pushgateway.token", "s3cret", "prewarm.audit.actor", "ci"));
        grouping.forEach((k, v) -> values.put("prewarm.pushgateway.grouping." + k, v));
        return TelemetryConfig.of(values);
    }

    @Test
    void defaultsKeepEverythingUnderDotPrewarmAndPushNowhere() {
        TelemetryConfig d = TelemetryConfig.of(Map.of());
        assertThat(d.pushgateway().url()).isEmpty();
        assertThat(d.pushgateway().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.files().metricsFile()).isEqualTo(Path.of(".prewarm/metrics.prom"));
        assertThat(d.auditFile()).contains(Path.of(".prewarm/audit.jsonl"));
        assertThat(d.stateFile()).contains(Path.of(".prewarm/state.json"));
        assertThat(d.pushgateway().job()).isEqualTo("prewarm-plan");
        assertThat(d.audit().actor()).isEqualTo("prewarm-plan");
    }

    @Test
    void noneOrBlankTurnsTheAuditAndStateFilesOffAndABlankTokenCountsAsUnset() {
        TelemetryConfig c = TelemetryConfig.of(Map.of("prewarm.audit.file", "none", "prewarm.telemetry.state-file",
                "none", "prewarm.pushgateway.token", "  "));
        assertThat(c.auditFile()).isEmpty();
        assertThat(c.stateFile()).isEmpty();
        assertThat(c.pushgatewayToken()).isEmpty();
    }

    @Test
    void pushgatewayUrlWithCredentialsIsRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> with("http://user:pa55word@gw:9091", Map.of()))
                .hasMessageContaining("prewarm.pushgateway.url must not carry credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa55word"));
        assertThatThrownBy(() -> with("ftp://gw:9091", Map.of())).hasMessageContaining("http(s)://host");
    }

    @Test
    void groupingLabelsMustBeUsableLabelNames() {
        assertThatThrownBy(() -> with("http://gw:9091", Map.of("job", "x"))).hasMessageContaining("grouping.job");
        assertThatThrownBy(() -> with("http://gw:9091", Map.of("bad-name", "x"))).hasMessageContaining("grouping.bad-name");
        assertThat(with("http://gw:9091/prefix", Map.of("repository", "infra")).grouping()).containsEntry("repository", "infra");
    }

    @Test
    void badValuesFailNamingTheProperty() {
        assertThatThrownBy(() -> TelemetryConfig.of(Map.of("prewarm.pushgateway.timeout", "0s")))
                .hasMessage("prewarm.pushgateway.timeout must be positive, got PT0S");
        assertThatThrownBy(() -> TelemetryConfig.of(Map.of("prewarm.pushgateway.timeout", "later")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prewarm.pushgateway.timeout");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(with("https://gw:9091", Map.of()).toString()).doesNotContain("s3cret");
    }
}
