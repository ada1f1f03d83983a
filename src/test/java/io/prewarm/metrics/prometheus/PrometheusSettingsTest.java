package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusSettingsTest {

    @Test
    void defaultsMatchTheDocumentedConfiguration() {
        PrometheusSettings d = PrometheusSettings.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.maxInFlight()).isEqualTo(4);
        assertThat(d.maxPointsPerRequest()).isEqualTo(11_000);
        assertThat(d.maxAttempts()).isEqualTo(4);
        assertThat(d.breakerThreshold()).isEqualTo(5);
        assertThat(d.bearerToken()).isEmpty();
        assertThat(d.tlsVerifyHost()).isTrue();
    }

    @Test
    void rejectsValuesThatCannotWorkNamingTheProperty() {
        assertThatThrownBy(() -> PrometheusSettings.defaults().toBuilder().maxPointsPerRequest(20_000).build())
                .hasMessage("configuring prewarm.prometheus: max-points-per-request must be between 2 and 11001, got 20000");
        assertThatThrownBy(() -> PrometheusSettings.defaults().toBuilder().maxInFlight(0).build())
                .hasMessageContaining("max-in-flight must be at least 1");
        assertThatThrownBy(() -> PrometheusSettings.defaults().toBuilder().readTimeout(Duration.ZERO).build())
                .hasMessageContaining("read-timeout must be positive");
        assertThatThrownBy(() -> PrometheusSettings.defaults().toBuilder().bearerToken("t")
                .bearerTokenFile(Path.of("/t")).build()).hasMessageContaining("not both");
        assertThatThrownBy(() -> PrometheusSettings.defaults().toBuilder().headers(Map.of("Bad Header", "x")).build())
                .hasMessageContaining("invalid header name 'Bad Header'");
    }

    @Test
    void aBlankTokenCountsAsUnset() {
        assertThat(PrometheusSettings.defaults().toBuilder().bearerToken("  ").build().bearerToken()).isEmpty();
    }

    @Test
    void baseUrlsAreNormalisedAndDisplayedWithoutSecrets() {
        assertThat(PrometheusMetricsSource.checkBaseUrl(java.net.URI.create("https://mimir.example/prometheus/")))
                .hasToString("https://mimir.example/prometheus");
        assertThatThrownBy(() -> PrometheusMetricsSource.checkBaseUrl(java.net.URI.create("ftp://x")))
                .hasMessageContaining("must be http(s)://host[:port][/prefix]");
        assertThatThrownBy(() -> PrometheusMetricsSource.checkBaseUrl(java.net.URI.create("localhost:9090")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
