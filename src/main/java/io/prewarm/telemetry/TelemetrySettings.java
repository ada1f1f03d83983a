package io.prewarm.telemetry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validated telemetry settings (see {@link TelemetryConfig} for the properties behind them).
 *
 * @param pushgatewayUrl where {@code plan} pushes its metrics ({@code http(s)://host:port[/prefix]}); when
 *                       empty it writes them to {@code metricsFile}
 * @param pushgatewayToken bearer token for the Pushgateway, if it needs one (never logged)
 * @param job            the Pushgateway {@code job} label
 * @param grouping       further grouping labels, sorted by name
 * @param pushTimeout    connect and read timeout of a push
 * @param metricsFile    the file {@code plan} writes its metrics to (Prometheus text format) without a
 *                       Pushgateway
 * @param auditFile      the audit log file (JSON Lines), or empty for the application log only
 * @param stateFile      the state kept between runs (last success, forecasts), or empty for none
 * @param actor          who decides in a plan run, as the audit log names it
 */
public record TelemetrySettings(Optional<URI> pushgatewayUrl, Optional<String> pushgatewayToken, String job,
                                Map<String, String> grouping, Duration pushTimeout, Path metricsFile,
                                Optional<Path> auditFile, Optional<Path> stateFile, String actor) {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public TelemetrySettings {
        Objects.requireNonNull(pushgatewayUrl, "pushgatewayUrl");
        Objects.requireNonNull(pushgatewayToken, "pushgatewayToken");
        Objects.requireNonNull(metricsFile, "metricsFile");
        Objects.requireNonNull(auditFile, "auditFile");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(pushTimeout, "pushTimeout");
        pushgatewayUrl.ifPresent(TelemetrySettings::checkUrl);
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("prewarm.pushgateway.job must not be blank");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("prewarm.audit.actor must not be blank");
        }
        if (pushTimeout.isZero() || pushTimeout.isNegative()) {
            throw new IllegalArgumentException("prewarm.pushgateway.timeout must be positive, got " + pushTimeout);
        }
        grouping = Collections.unmodifiableSortedMap(new TreeMap<>(grouping == null ? Map.of() : grouping));
        grouping.forEach((k, v) -> {
            if (!LABEL.matcher(k).matches() || k.startsWith("__") || k.equals("job")) {
                throw new IllegalArgumentException("prewarm.pushgateway.grouping." + k + " is not a usable label name");
            }
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("prewarm.pushgateway.grouping." + k + " must not be empty");
            }
        });
    }

    /** Defaults for a run in {@code dir}: files under {@code dir/.prewarm/}, no Pushgateway. */
    public static TelemetrySettings defaults(Path dir) {
        Path base = dir.resolve(".prewarm");
        return new TelemetrySettings(Optional.empty(), Optional.empty(), "prewarm-plan", Map.of(),
                Duration.ofSeconds(10), base.resolve("metrics.prom"), Optional.of(base.resolve("audit.jsonl")),
                Optional.of(base.resolve("state.json")), "prewarm-plan");
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

    @Override
    public String toString() {
        // the token never appears in a log line
        return "TelemetrySettings[pushgateway=" + pushgatewayUrl.map(TelemetrySettings::redacted).orElse("-")
                + ", job=" + job + ", grouping=" + grouping + ", metricsFile=" + metricsFile + ", auditFile="
                + auditFile.map(Path::toString).orElse("-") + ", stateFile=" + stateFile.map(Path::toString).orElse("-")
                + ", actor=" + actor + "]";
    }
}
