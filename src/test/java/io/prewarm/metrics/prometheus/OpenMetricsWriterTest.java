package io.prewarm.metrics.prometheus;

import io.prewarm.metrics.TimeSeries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenMetricsWriterTest {
    static final Instant T0 = Instant.parse("2026-10-31T00:00:00Z");
    static final TimeSeries VALUES = new TimeSeries(T0, Duration.ofMinutes(5),
            new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-7});

    @Test
    void writesSortedGaugeFamiliesWithEscapedLabelsAndSecondTimestamps() throws IOException {
        StringWriter out = new StringWriter();
        long n = OpenMetricsWriter.write(out, List.of(
                new OpenMetricsWriter.Series("zeta", Map.of(), new TimeSeries(T0, Duration.ofSeconds(1), new double[] {2})),
                new OpenMetricsWriter.Series("alpha", Map.of("path", "/a\"b\\c\nd", "env", "prod"), VALUES)),
                OpenMetricsWriter.Missing.SKIP);
        assertThat(n).isEqualTo(4);
        assertThat(out.toString()).isEqualTo("""
                # TYPE alpha gauge
                alpha{env="prod",path="/a\\"b\\\\c\\nd"} 1.5 1793404800
                alpha{env="prod",path="/a\\"b\\\\c\\nd"} +Inf 1793405400
                alpha{env="prod",path="/a\\"b\\\\c\\nd"} 1.0E-7 1793405700
                # TYPE zeta gauge
                zeta 2.0 1793404800
                # EOF
                """);
    }

    @Test
    void missingPointsCanBeWrittenAsNaNSoLookbackDoesNotFillThem() throws IOException {
        StringWriter out = new StringWriter();
        OpenMetricsWriter.write(out, List.of(new OpenMetricsWriter.Series("m", Map.of(), VALUES)),
                OpenMetricsWriter.Missing.NAN);
        assertThat(out.toString()).contains("m NaN 1793405100\n");
    }

    @Test
    void rejectsNamesPrometheusWouldRefuse() {
        assertThatThrownBy(() -> new OpenMetricsWriter.Series("9bad", Map.of(), VALUES))
                .hasMessage("invalid metric name '9bad'");
        assertThatThrownBy(() -> new OpenMetricsWriter.Series("m", Map.of("__name__", "x"), VALUES))
                .hasMessage("invalid label name '__name__' on metric m");
    }
}
