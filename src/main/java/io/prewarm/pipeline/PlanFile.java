package io.prewarm.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.prewarm.common.ServiceKey;
import io.prewarm.forecast.Forecast;
import io.prewarm.plan.CapacityPlan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan a service's Terraform was rendered from, committed beside it as
 * {@code generated/<environment>/<service>/prewarm-plan.json}. It lets {@code serve} re-render the service
 * with a freeze or an emergency floor in milliseconds, without reading history or forecasting again, and
 * gives other tools the plan without parsing HCL. The per-step timeline is left out (it is in the run
 * summary); everything the renderers read is kept. Deterministic: same plan, same bytes.
 *
 * <p>A plan run also records, after the plan's own fields, {@code forecast}: an hourly summary of the
 * forecast the plan was made from (the highest point and upper value of each hour, two decimals, one line
 * per array), and {@code run}: when it was planned and on which proposal branch. The console of
 * {@code serve} draws its chart and names the plan run from them. Readers of the plan ignore both, and
 * churn control holds back a plan whose only change is there ("only forecast details moved").
 */
public final class PlanFile {
    /** File name inside the service's generated folder. */
    public static final String NAME = "prewarm-plan.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanFile() {
    }

    /** Repository-relative path of a service's plan file. */
    public static String path(ServiceKey key) {
        return "generated/" + key.path() + "/" + NAME;
    }

    /** The file's text: the plan without its timeline, sorted keys, ISO-8601 times, newline at the end. */
    public static String write(CapacityPlan plan) {
        CapacityPlan slim = new CapacityPlan(plan.key(), plan.target(), plan.zone(), plan.limits(), List.of(),
                plan.actions(), plan.reasons(), plan.forecastModel(), plan.forecastScore(), plan.verticalFloor(),
                plan.notes(), plan.indicators());
        try {
            return JSON.writeValueAsString(slim) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the plan of " + plan.key() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The file's text with the run's forecast summary and run details after the plan's fields.
     *
     * @param forecast the forecast the plan was made from
     * @param run      when and on which branch it was planned
     */
    public static String write(CapacityPlan plan, Forecast forecast, Run run) {
        CapacityPlan slim = new CapacityPlan(plan.key(), plan.target(), plan.zone(), plan.limits(), List.of(),
                plan.actions(), plan.reasons(), plan.forecastModel(), plan.forecastScore(), plan.verticalFloor(),
                plan.notes(), plan.indicators());
        ObjectNode root = JSON.valueToTree(slim);
        ForecastSummary f = ForecastSummary.of(forecast);
        ObjectNode fn = root.putObject("forecast");
        fn.put("start", f.start().toString());
        fn.put("step", f.step().toString());
        ArrayNode point = fn.putArray("point");
        f.point().forEach(point::add);
        ArrayNode upper = fn.putArray("upper");
        f.upper().forEach(upper::add);
        ObjectNode rn = root.putObject("run");
        rn.put("branch", run.branch());
        rn.put("plannedAt", run.plannedAt().toString());
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the plan of " + plan.key() + ": " + e.getOriginalMessage(), e);
        }
        // the forecast arrays go on one line each: 170 hourly values would otherwise be 340 lines of every diff
        int at = text.lastIndexOf("\"forecast\" : {");
        Matcher m = NUMBER_ARRAY.matcher(text.substring(at));
        StringBuilder tail = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(tail, Matcher.quoteReplacement("[ " + String.join(", ",
                    m.group().replaceAll("[\\[\\]\\s]", "").split(",")) + " ]"));
        }
        m.appendTail(tail);
        return text.substring(0, at) + tail + "\n";
    }

    private static final Pattern NUMBER_ARRAY = Pattern.compile("\\[\\s*(-?[0-9][0-9.eE+-]*\\s*,\\s*)*-?[0-9][0-9.eE+-]*\\s*\\]");

    /** When and where a plan was made. */
    public record Run(Instant plannedAt, String branch) {
        public Run {
            Objects.requireNonNull(plannedAt, "plannedAt");
            Objects.requireNonNull(branch, "branch");
        }
    }

    /**
     * The forecast a plan was made from, per hour (or per step when steps are longer): the highest point
     * and upper value of each, rounded to two decimals.
     */
    public record ForecastSummary(Instant start, Duration step, List<Double> point, List<Double> upper) {
        public ForecastSummary {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(step, "step");
            point = List.copyOf(point);
            upper = List.copyOf(upper);
            if (point.size() != upper.size()) {
                throw new IllegalArgumentException("forecast summary: point and upper differ in length");
            }
            if (step.isZero() || step.isNegative()) {
                throw new IllegalArgumentException("forecast summary: step must be positive, got " + step);
            }
        }

        static ForecastSummary of(Forecast f) {
            long stepSeconds = Math.max(1, f.step().getSeconds());
            int per = (int) Math.max(1, 3600 / stepSeconds);
            List<Double> point = new ArrayList<>();
            List<Double> upper = new ArrayList<>();
            for (int i = 0; i < f.horizon(); i += per) {
                double p = Double.NEGATIVE_INFINITY;
                double u = Double.NEGATIVE_INFINITY;
                for (int j = i; j < Math.min(f.horizon(), i + per); j++) {
                    p = Math.max(p, f.pointAt(j));
                    u = Math.max(u, f.upperAt(j));
                }
                point.add(round2(p));
                upper.add(round2(u));
            }
            return new ForecastSummary(f.start(), f.step().multipliedBy(per), point, upper);
        }

        /** The end of the last bucket. */
        public Instant end() {
            return start.plus(step.multipliedBy(point.size()));
        }
    }

    /** What a plan file records beside the plan; each part absent in files written before it existed. */
    public record Details(Optional<Instant> plannedAt, Optional<String> branch, Optional<ForecastSummary> forecast) {
    }

    /** Reads the run details and forecast summary of a plan file. */
    public static Details details(String text, String name) {
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode run = root.path("run");
            Optional<Instant> at = run.hasNonNull("plannedAt") ? Optional.of(Instant.parse(run.get("plannedAt").asText()))
                    : Optional.empty();
            Optional<String> branch = run.hasNonNull("branch") ? Optional.of(run.get("branch").asText()) : Optional.empty();
            JsonNode f = root.path("forecast");
            Optional<ForecastSummary> forecast = Optional.empty();
            if (f.isObject()) {
                forecast = Optional.of(new ForecastSummary(Instant.parse(f.path("start").asText()),
                        Duration.parse(f.path("step").asText()), numbers(f.path("point")), numbers(f.path("upper"))));
            }
            return new Details(at, branch, forecast);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("reading the run details of " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<Double> numbers(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asDouble()));
        return out;
    }

    private static double round2(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue() : 0;
    }

    /**
     * The same file text with its recorded proposal branch {@code from} replaced by {@code to} (nothing else
     * changes, byte for byte); the text unchanged when it records another branch or none.
     */
    static String withBranch(String text, String from, String to) {
        String was = "\"branch\" : " + JSON_STRING.apply(from);
        int at = text.lastIndexOf("\"run\" : {");
        if (at < 0 || text.indexOf(was, at) < 0) {
            return text;
        }
        int i = text.indexOf(was, at);
        return text.substring(0, i) + "\"branch\" : " + JSON_STRING.apply(to) + text.substring(i + was.length());
    }

    private static final java.util.function.Function<String, String> JSON_STRING = v -> {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    };

    /** Reads a plan file back. */
    public static CapacityPlan read(String text, String name) {
        try {
            return JSON.readValue(text, CapacityPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reading " + name + ": " + e.getOriginalMessage(), e);
        }
    }
}
