package io.prewarm.common;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@code @ConfigMapping}s without CDI (a command's adapter, a test) with SmallRye Config's builder: the
 * mappings' {@code @WithDefault}s, conversions and property names apply exactly as under Quarkus.
 */
public final class Configs {
    /** Ordinal of the values a caller sets, above system properties (400) and the environment (300). */
    public static final int CALLER_ORDINAL = 500;

    private Configs() {
    }

    /**
     * The mapping with its defaults, overridden by {@code values}.
     *
     * @param values property names relative to the mapping's prefix ({@code retry.max-attempts} for
     *               {@code prewarm.prometheus.retry.max-attempts}), with values as in {@code application.properties}
     * @throws IllegalArgumentException naming the property when a value does not convert or maps to nothing
     */
    public static <T> T mapping(Class<T> type, Map<String, String> values) {
        String prefix = type.getAnnotation(ConfigMapping.class).prefix();
        Map<String, String> named = new TreeMap<>();
        values.forEach((k, v) -> named.put(prefix + "." + k, v));
        return config(named, type).getConfigMapping(type);
    }

    /**
     * A configuration holding {@code mappings} (read them with {@code getConfigMapping}), their defaults overridden
     * by {@code values}.
     *
     * @param values full property names ({@code prewarm.pushgateway.url}) and their values
     * @throws IllegalArgumentException naming the property when a value does not convert or maps to nothing
     */
    public static SmallRyeConfig config(Map<String, String> values, Class<?>... mappings) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withSources(new PropertiesConfigSource(values, "prewarm caller values", CALLER_ORDINAL));
        for (Class<?> mapping : mappings) {
            builder.withMapping(mapping);
        }
        try {
            return builder.build();
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage());
            }
            throw new IllegalArgumentException("configuring prewarm: " + String.join("; ", problems), e);
        }
    }
}
