package io.prewarm.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FieldReaderTest {
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final FieldReader reader = new FieldReader("p.yaml", problems);

    private static JsonNode yaml(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void oneOfReadsAnyCaseAndGivesTheDefaultWhenTheFieldIsMissing() throws Exception {
        JsonNode d = yaml("{\"aggregation\": \"Max\"}");
        assertThat(reader.oneOf(d, "aggregation", "demand", ServicePolicy.Aggregation.SUM))
                .contains(ServicePolicy.Aggregation.MAX);
        assertThat(reader.oneOf(d, "other", "demand", ServicePolicy.Aggregation.SUM))
                .contains(ServicePolicy.Aggregation.SUM);
        assertThat(problems).isEmpty();
    }

    @Test
    void oneOfIsEmptyForAnUnknownValueAndListsTheChoicesInLowercase() throws Exception {
        Optional<ServicePolicy.ScheduleFor> v = reader.oneOf(yaml("{\"scheduleFor\": \"p95\"}"), "scheduleFor",
                "capacity", ServicePolicy.ScheduleFor.FORECAST);
        assertThat(v).isEmpty();
        assertThat(problems).extracting(PolicyProblem::toString)
                .containsExactly("p.yaml: capacity.scheduleFor: 'p95' is not one of forecast, upper");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheExpectedTypeAndWhatWasThere() throws Exception {
        JsonNode root = yaml("{\"capacity\": [1], \"min\": \"three\", \"perInstance\": true, \"service\": {}}");
        assertThat(reader.object(root, "capacity", "", true)).isNull();
        assertThat(reader.integer(root, "min", "capacity", true, 0, 10)).isEmpty();
        assertThat(reader.number(root, "perInstance", "capacity", true, 0, 10)).isEmpty();
        assertThat(reader.text(root, "service", "", true)).isEmpty();
        assertThat(reader.text(root, "missing", "", true)).isEmpty();
        assertThat(problems).extracting(PolicyProblem::toString).containsExactly(
                "p.yaml: capacity: must be a mapping, got a list",
                "p.yaml: capacity.min: must be a whole number, got 'three'",
                "p.yaml: capacity.perInstance: must be a number, got boolean true",
                "p.yaml: service: must be a string, got a mapping",
                "p.yaml: missing: is required");
    }
}
