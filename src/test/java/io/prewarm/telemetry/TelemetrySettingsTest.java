package io.prewarm.telemetry;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetrySettingsTest {
    static TelemetrySettings with(String url, Map<String, String> grouping) {
        TelemetrySettings d = TelemetrySettings.defaults(Path.of("."));
        return new TelemetrySettings(Optional.ofNullable(url).map(URI::create), Optional.of("s3cret"), "prewarm-plan",
                grouping, Duration.ofSeconds(5), d.metricsFile(), d.auditFile(), d.stateFile(), "ci");
    }

    @Test
    void defaultsKeepEverythingUnderDotPrewarm() {
        TelemetrySettings d = TelemetrySettings.defaults(Path.of("/repo"));
        assertThat(d.pushgatewayUrl()).isEmpty();
        assertThat(d.metricsFile()).isEqualTo(Path.of("/repo/.prewarm/metrics.prom"));
        assertThat(d.auditFile()).contains(Path.of("/repo/.prewarm/audit.jsonl"));
        assertThat(d.stateFile()).contains(Path.of("/repo/.prewarm/state.json"));
        assertThat(d.job()).isEqualTo("prewarm-plan");
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
        assertThatThrownBy(() -> with("http://gw:9091", Map.of("repo", ""))).hasMessageContaining("must not be empty");
        assertThat(with("http://gw:9091/prefix", Map.of("repository", "infra")).grouping()).containsEntry("repository", "infra");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(with("https://gw:9091", Map.of()).toString()).doesNotContain("s3cret").contains("https://gw:9091");
    }
}
