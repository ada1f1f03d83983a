package io.prewarm.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.prewarm.common.ServiceKey;
import io.prewarm.plan.CapacityPlan;

import java.util.List;

/**
 * The plan a service's Terraform was rendered from, committed beside it as
 * {@code generated/<environment>/<service>/prewarm-plan.json}. It lets {@code serve} re-render the service
 * with a freeze or an emergency floor in milliseconds, without reading history or forecasting again, and
 * gives other tools the plan without parsing HCL. The per-step timeline is left out (it is in the run
 * summary); everything the renderers read is kept. Deterministic: same plan, same bytes.
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

    /** Reads a plan file back. */
    public static CapacityPlan read(String text, String name) {
        try {
            return JSON.readValue(text, CapacityPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reading " + name + ": " + e.getOriginalMessage(), e);
        }
    }
}
