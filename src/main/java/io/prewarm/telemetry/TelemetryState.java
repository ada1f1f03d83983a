package io.prewarm.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What telemetry keeps between plan runs, in one JSON file: the time of the last successful run and each
 * service's last forecast (so the next run can measure its error against the history it reads). A
 * missing or unreadable file is an empty state: telemetry must never stop a plan.
 *
 * @param lastSuccess when a run last planned every service
 * @param forecasts   the last forecast per service, by {@code <environment>/<service>}
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TelemetryState(Optional<Instant> lastSuccess, Map<String, ForecastError.Snapshot> forecasts) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public TelemetryState {
        lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
        forecasts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(forecasts == null ? Map.of() : forecasts));
    }

    public static TelemetryState empty() {
        return new TelemetryState(Optional.empty(), Map.of());
    }

    /** The state in {@code file}, or empty when the file is absent or unreadable (logged). */
    public static TelemetryState load(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            return JSON.readValue(file.toFile(), TelemetryState.class);
        } catch (IOException e) {
            Log.warnf("reading telemetry state %s: %s; starting without it", file, e.getMessage());
            return empty();
        }
    }

    /** Writes the state atomically (temporary file, then rename). */
    public void save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".state", ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing telemetry state " + file + ": " + e.getMessage(), e);
        }
    }

    /** This state with the given forecasts replacing those of the same services, and a new last success. */
    public TelemetryState with(Map<String, ForecastError.Snapshot> newer, Optional<Instant> success) {
        Map<String, ForecastError.Snapshot> all = new TreeMap<>(forecasts);
        all.putAll(newer);
        return new TelemetryState(success.or(() -> lastSuccess), all);
    }
}
