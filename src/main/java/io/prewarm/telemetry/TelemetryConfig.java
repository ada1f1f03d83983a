package io.prewarm.telemetry;

import io.prewarm.common.Configs;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Telemetry configuration, in three prefixes so that no mapping claims all of {@code prewarm.*}:
 * {@code prewarm.pushgateway.*}, {@code prewarm.telemetry.*} and {@code prewarm.audit.*}. The record holds the
 * three mappings, checks what their types cannot express, and derives the values the code uses.
 *
 * @param pushgateway where {@code plan} pushes its metrics
 * @param files       the metrics and state files
 * @param audit       the audit log
 */
public record TelemetryConfig(Pushgateway pushgateway, Files files, Audit audit) {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Where {@code plan} pushes its metrics. */
    @ConfigMapping(prefix = "prewarm.pushgateway")
    public interface Pushgateway {
        /**
         * {@code http(s)://host:port[/prefix]} of a Pushgateway (env {@code PREWARM_PUSHGATEWAY_URL}). When set,
         * {@code plan} pushes its metrics there instead of writing {@code prewarm.telemetry.metrics-file}.
         */
        Optional<URI> url();

        /** Bearer token for the Pushgateway (env {@code PREWARM_PUSHGATEWAY_TOKEN}); never logged. */
        Optional<String> token();

        /** The {@code job} grouping label. */
        @WithDefault("prewarm-plan")
        String job();

        /**
         * Further grouping labels, e.g. {@code prewarm.pushgateway.grouping.repository=infra-live}, for several
         * plan jobs that push to one gateway.
         */
        Map<String, String> grouping();

        /** Connect and read timeout of a push. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Telemetry files. */
    @ConfigMapping(prefix = "prewarm.telemetry")
    public interface Files {
        /** Where {@code plan} writes its metrics (Prometheus text format) when no Pushgateway is configured. */
        @WithDefault(".prewarm/metrics.prom")
        Path metricsFile();

        /**
         * State kept between plan runs (last success, last forecast per service, for the forecast error);
         * {@code none} keeps no state.
         */
        @WithDefault(".prewarm/state.json")
        String stateFile();
    }

    /** The audit log. */
    @ConfigMapping(prefix = "prewarm.audit")
    public interface Audit {
        /** The audit log (JSON Lines, appended); {@code none} writes audit lines to the application log only. */
        @WithDefault(".prewarm/audit.jsonl")
        String file();

        /** Who decides in a plan run, as the audit log names it (for example the CI user). */
        @WithDefault("prewarm-plan")
        String actor();
    }

    /** @throws IllegalArgumentException naming the property whose value cannot work (never echoing a secret) */
    public TelemetryConfig {
        Objects.requireNonNull(pushgateway, "pushgateway");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(audit, "audit");
        pushgateway.url().ifPresent(TelemetryConfig::checkUrl);
        if (pushgateway.job().isBlank()) {
            throw new IllegalArgumentException("prewarm.pushgateway.job must not be blank");
        }
        if (audit.actor().isBlank()) {
            throw new IllegalArgumentException("prewarm.audit.actor must not be blank");
        }
        Duration timeout = pushgateway.timeout();
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("prewarm.pushgateway.timeout must be positive, got " + timeout);
        }
        pushgateway.grouping().forEach((k, v) -> {
            if (!LABEL.matcher(k).matches() || k.startsWith("__") || k.equals("job")) {
                throw new IllegalArgumentException("prewarm.pushgateway.grouping." + k + " is not a usable label name");
            }
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("prewarm.pushgateway.grouping." + k + " must not be empty");
            }
        });
    }

    /**
     * The three mappings without CDI, their defaults overridden by {@code values}.
     *
     * @param values full property names ({@code prewarm.pushgateway.url}) and their values
     */
    public static TelemetryConfig of(Map<String, String> values) {
        SmallRyeConfig config = Configs.config(values, Pushgateway.class, Files.class, Audit.class);
        return new TelemetryConfig(config.getConfigMapping(Pushgateway.class), config.getConfigMapping(Files.class),
                config.getConfigMapping(Audit.class));
    }

    /** The Pushgateway's bearer token; a blank one counts as unset. */
    public Optional<String> pushgatewayToken() {
        return pushgateway.token().filter(t -> !t.isBlank());
    }

    /** The grouping labels, sorted by name. */
    public SortedMap<String, String> grouping() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(pushgateway.grouping()));
    }

    /** The audit log file, or empty for the application log only. */
    public Optional<Path> auditFile() {
        return optionalPath(audit.file());
    }

    /** The state kept between runs, or empty for none. */
    public Optional<Path> stateFile() {
        return optionalPath(files.stateFile());
    }

    private static Optional<Path> optionalPath(String value) {
        return value.isBlank() || value.equals("none") ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static void checkUrl(URI u) {
        String scheme = u.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("prewarm.pushgateway.url must be http(s)://host[:port][/prefix], got "
                    + redacted(u));
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("prewarm.pushgateway.url must not carry credentials, a query or a "
                    + "fragment (use prewarm.pushgateway.token), got " + redacted(u));
        }
    }

    /** The URL without user info, query and fragment, for logs and errors. */
    static String redacted(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }
}
