package io.prewarm.metrics.prometheus;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path agrees with Jackson on every body, and steps aside for shapes it does not handle. */
class FastMatrixParserTest {
    static final long T0 = 1_790_000_000_000L;
    static final Grid GRID = new Grid(T0, 1000, 64);

    @Test
    void agreesWithJacksonOnRandomBodiesIncludingAwkwardNumbersWhitespaceAndFieldOrder() throws Exception {
        Random rnd = new Random(11);
        int fastTaken = 0;
        for (int round = 0; round < 600; round++) {
            boolean escapes = rnd.nextInt(10) == 0;
            byte[] body = randomBody(rnd, escapes).getBytes(StandardCharsets.UTF_8);
            SeriesAccumulator viaJackson = new SeriesAccumulator(GRID);
            ResponseParser.Envelope expected = ResponseParser.parseMatrixWithJackson(body, viaJackson);
            SeriesAccumulator viaFast = new SeriesAccumulator(GRID);
            ResponseParser.Envelope fast = FastMatrixParser.tryParse(body, viaFast);
            if (fast == null) {
                assertThat(viaFast.seriesCount()).as("nothing reaches the sink when the fast path gives up").isZero();
                continue;
            }
            fastTaken++;
            assertThat(fast).isEqualTo(expected);
            assertThat(viaFast.labelSets()).isEqualTo(viaJackson.labelSets());
            assertThat(viaFast.infinite()).isEqualTo(viaJackson.infinite());
            assertThat(viaFast.offGrid()).isEqualTo(viaJackson.offGrid());
            for (Map<String, String> labels : labelsOf(body)) {
                assertThat(viaFast.values(labels)).as(new String(body, StandardCharsets.UTF_8))
                        .containsExactly(viaJackson.values(labels));
            }
        }
        assertThat(fastTaken).isGreaterThan(450);
    }

    @Test
    void stepsAsideForEscapedLabelsAndNonJson() {
        String escaped = PromJson.matrix("{\"metric\":{\"path\":\"/a\\\"b\"},\"values\":[[1790000000,\"1\"]]}");
        assertThat(FastMatrixParser.tryParse(escaped.getBytes(StandardCharsets.UTF_8), new SeriesAccumulator(GRID))).isNull();
        assertThat(FastMatrixParser.tryParse("<html>".getBytes(StandardCharsets.UTF_8), new SeriesAccumulator(GRID))).isNull();
        String trailing = PromJson.matrix() + "x";
        assertThat(FastMatrixParser.tryParse(trailing.getBytes(StandardCharsets.UTF_8), new SeriesAccumulator(GRID))).isNull();
    }

    @Test
    void exactDecimalsMatchParseDouble() throws Exception {
        Random rnd = new Random(5);
        String[] values = new String[GRID.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = BigDecimal.valueOf(rnd.nextLong() % 1_000_000_000_000_000L, rnd.nextInt(16)).toPlainString();
        }
        byte[] body = PromJson.matrix(PromJson.series(Map.of(), T0, 1000, values)).getBytes(StandardCharsets.UTF_8);
        SeriesAccumulator acc = new SeriesAccumulator(GRID);
        assertThat(FastMatrixParser.tryParse(body, acc)).isNotNull();
        double[] got = acc.values(Map.of());
        for (int i = 0; i < values.length; i++) {
            assertThat(got[i]).as(values[i]).isEqualTo(Double.parseDouble(values[i]));
        }
    }

    private static List<Map<String, String>> labelsOf(byte[] body) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        for (com.fasterxml.jackson.databind.JsonNode s : root.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            out.add(labels);
        }
        return out;
    }

    private static String randomBody(Random rnd, boolean escapes) {
        List<String> series = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int s = 0; s < n; s++) {
            String labelValue = "pod-" + s + (rnd.nextBoolean() ? "é日" : "") + (escapes ? "\\\"x\\\\" : "");
            StringBuilder values = new StringBuilder("[");
            for (int i = 0; i < GRID.size(); i++) {
                if (rnd.nextInt(5) == 0) {
                    continue;
                }
                if (values.length() > 1) {
                    values.append(',').append(space(rnd));
                }
                long ms = T0 + i * 1000L + (rnd.nextInt(50) == 0 ? 250 : 0); // a few off-grid samples
                String ts = rnd.nextBoolean() ? PromJson.ts(ms) : BigDecimal.valueOf(ms, 3).toPlainString();
                values.append('[').append(space(rnd)).append(ts).append(',').append(space(rnd))
                        .append('"').append(randomValue(rnd)).append("\"]");
            }
            values.append(']');
            List<String> fields = new ArrayList<>(List.of(
                    "\"metric\":" + space(rnd) + "{\"__name__\":\"m\",\"pod\":\"" + labelValue + "\"}",
                    "\"values\":" + values));
            if (rnd.nextInt(4) == 0) {
                fields.add("\"histograms\":[[1790000000,{\"count\":\"1\",\"buckets\":[[0,\"1\",\"2\",\"3\"]]}]]");
            }
            Collections.shuffle(fields, rnd);
            series.add("{" + String.join("," + space(rnd), fields) + "}");
        }
        List<String> top = new ArrayList<>(List.of("\"status\":\"success\"",
                "\"data\":{\"resultType\":\"matrix\"," + space(rnd) + "\"result\":[" + String.join(",", series) + "]}"));
        if (rnd.nextBoolean()) {
            top.add("\"warnings\":[\"partial\", \"w2\"]");
        }
        if (rnd.nextInt(3) == 0) {
            top.add("\"infos\":[\"i\"],\"stats\":{\"a\":1.5e3,\"b\":null,\"c\":true,\"d\":[]}");
        }
        Collections.shuffle(top, rnd);
        return space(rnd) + "{" + String.join(",", top) + "}" + space(rnd);
    }

    private static String randomValue(Random rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> "NaN";
            case 1 -> "+Inf";
            case 2 -> "-Inf";
            case 3 -> Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20)); // exponents
            case 4 -> BigDecimal.valueOf(rnd.nextLong()).toPlainString(); // 19 digits
            case 5 -> "0.000000" + rnd.nextInt(1000);
            case 6 -> "-" + rnd.nextInt(100000) + "." + rnd.nextInt(1000);
            case 7 -> Long.toString(rnd.nextInt());
            case 8 -> "0";
            default -> BigDecimal.valueOf(rnd.nextLong() % 10_000_000_000L, rnd.nextInt(8)).toPlainString();
        };
    }

    private static String space(Random rnd) {
        return rnd.nextInt(4) == 0 ? " \n\t".substring(0, 1 + rnd.nextInt(3)) : "";
    }
}
