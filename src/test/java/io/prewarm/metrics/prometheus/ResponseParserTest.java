package io.prewarm.metrics.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.prewarm.policy.ServicePolicy.Aggregation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesGoSpellingsOfInfinityAndNaNThatParseDoubleRejects() {
        assertThat(ResponseParser.parseValue("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ResponseParser.parseValue("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ResponseParser.parseValue("NaN")).isNaN();
        assertThat(ResponseParser.parseValue("1e-3")).isEqualTo(0.001);
        assertThatThrownBy(() -> ResponseParser.parseValue("lots")).hasMessage("sample value 'lots' is not a number");
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsUnknownOnesAndNativeHistograms() throws IOException {
        String body = "{\"data\":{\"result\":[{\"values\":[[60,\"1\"],[120,\"2\"]],\"histograms\":[[60,{\"count\":\"1\"}]],"
                + "\"metric\":{\"pod\":\"a\"},\"extra\":{\"x\":[1,2]}}],\"resultType\":\"matrix\"},"
                + "\"warnings\":[\"partial response\"],\"infos\":[\"i\"],\"status\":\"success\"}";
        SeriesAccumulator acc = new SeriesAccumulator(new Grid(60_000, 60_000, 2));
        ResponseParser.Envelope env = ResponseParser.parseMatrix(utf8(body), acc);
        assertThat(env.success()).isTrue();
        assertThat(env.resultType()).isEqualTo("matrix");
        assertThat(env.warnings()).containsExactly("partial response");
        assertThat(acc.labelSets()).containsExactly("{pod=\"a\"}");
        assertThat(acc.combine(Aggregation.NONE)).containsExactly(1, 2);
    }

    @Test
    void readsAnErrorEnvelope() throws IOException {
        ResponseParser.Envelope env = ResponseParser.parseEnvelope(utf8(PromJson.error("bad_data", "boom")));
        assertThat(env.success()).isFalse();
        assertThat(env.errorType()).isEqualTo("bad_data");
        assertThat(env.error()).isEqualTo("boom");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertThatThrownBy(() -> ResponseParser.parseEnvelope(utf8("<html>502</html>")))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> ResponseParser.parseEnvelope(utf8("[1,2]")))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void readsVectorAndScalarInstantResults() throws IOException {
        List<ResponseParser.InstantSample> out = new ArrayList<>();
        ResponseParser.parseInstant(utf8(PromJson.vector(Map.of("a", "b"), 1000, "NaN")), out);
        ResponseParser.parseInstant(utf8("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"+Inf\"]}}"), out);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).labels()).containsEntry("a", "b");
        assertThat(out.get(0).value()).isNaN();
        assertThat(out.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void snippetIsOneShortLine() {
        assertThat(ResponseParser.snippet(utf8("a\n\n  b\tc"))).isEqualTo("a b c");
        assertThat(ResponseParser.snippet(utf8("x".repeat(1000)))).hasSize(203).endsWith("...");
    }
}
