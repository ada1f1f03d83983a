package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusConfigsTest {

    @Test
    void defaultsMatchTheDocumentedConfiguration() {
        PrometheusConfig d = PrometheusConfigs.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.maxInFlight()).isEqualTo(4);
        assertThat(d.maxPointsPerRequest()).isEqualTo(11_000);
        assertThat(d.retry().maxAttempts()).isEqualTo(4);
        assertThat(d.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.circuitBreaker().failureThreshold()).isEqualTo(5);
        assertThat(d.bearerToken()).isEmpty();
        assertThat(d.tlsVerifyHost()).isTrue();
    }

    @Test
    void rejectsValuesThatCannotWorkNamingTheProperty() {
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("max-points-per-request", "20000")))
                .hasMessage("configuring prewarm.prometheus: max-points-per-request must be between 2 and 11001, got 20000");
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("max-in-flight", "0")))
                .hasMessageContaining("max-in-flight must be at least 1");
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("read-timeout", "0s")))
                .hasMessageContaining("read-timeout must be positive");
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("bearer-token", "t", "bearer-token-file", "/t")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("headers.\"Bad Header\"", "x")))
                .hasMessageContaining("invalid header name 'Bad Header'");
    }

    @Test
    void valuesThatDoNotConvertOrMapToNothingFailNamingTheFullProperty() {
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("read-timeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prewarm.prometheus.read-timeout").hasMessageContaining("soon");
        assertThatThrownBy(() -> PrometheusConfigs.of(Map.of("retry.max-atempts", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prewarm.prometheus.retry.max-atempts");
    }

    @Test
    void aBlankTokenCountsAsUnset() {
        PrometheusConfig c = PrometheusConfigs.of(Map.of("bearer-token", "  ", "bearer-token-file", "/t"));
        assertThat(PrometheusConfigs.bearerToken(c)).isEmpty();
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
