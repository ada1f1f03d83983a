package io.prewarm.console;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TimeWindow;
import io.prewarm.metrics.MetricsSource;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the console reads beside the emergency state, set by {@code serve}: where recent demand comes from
 * (its {@code --metrics} source), whether running counts come from Prometheus, and the GitLab project URL
 * for links to merge requests. Demand is cached per service for {@link #CACHE} so a page load does not
 * query Prometheus once per service every time.
 */
@ApplicationScoped
public class ConsoleSources {
    /** How long a service's demand history is reused. */
    static final Duration CACHE = Duration.ofSeconds(60);
    /** How much history the chart shows. */
    static final Duration HISTORY = Duration.ofDays(3);

    private volatile Optional<MetricsSource> demand = Optional.empty();
    private volatile boolean liveCounts;
    private volatile Optional<String> gitlabProject = Optional.empty();
    private final Map<ServiceKey, Recent> cache = new ConcurrentHashMap<>();

    private final Map<ServiceKey, Parsed<?>> parsed = new ConcurrentHashMap<>();

    /** A plan file's text and what was read from it, reused until the committed text changes. */
    record Parsed<T>(String text, T value) {
    }

    /** {@code read(text)}, computed once per distinct plan file text of a service. */
    @SuppressWarnings("unchecked")
    <T> T parsed(ServiceKey key, String text, java.util.function.Function<String, T> read) {
        Parsed<T> p = (Parsed<T>) parsed.get(key);
        if (p == null || !p.text().equals(text)) {
            p = new Parsed<>(text, read.apply(text));
            parsed.put(key, p);
        }
        return p.value();
    }

    /** Recent demand, or empty with the reason (empty when no source is configured). */
    record Recent(Instant at, Optional<TimeSeries> series, String problem) {
    }

    /**
     * @param demand        recent demand for the charts ({@code --metrics}), if any
     * @param liveCounts    whether serve reads running counts from Prometheus
     * @param gitlabProject the project's web URL ({@code https://gitlab.example.com/group/project}), for links
     */
    public void configure(Optional<MetricsSource> demand, boolean liveCounts, Optional<String> gitlabProject) {
        this.demand = demand;
        this.liveCounts = liveCounts;
        this.gitlabProject = gitlabProject.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        cache.clear();
        parsed.clear();
    }

    boolean liveCounts() {
        return liveCounts;
    }

    Optional<String> gitlabProject() {
        return gitlabProject;
    }

    boolean hasDemand() {
        return demand.isPresent();
    }

    /** The last {@link #HISTORY} of demand up to {@code now}. */
    Recent recent(ServicePolicy policy, Instant now) {
        Optional<MetricsSource> source = demand;
        if (source.isEmpty()) {
            return new Recent(now, Optional.empty(), "");
        }
        Recent c = cache.get(policy.key());
        if (c == null || c.at().plus(CACHE).isBefore(now) || c.at().isAfter(now)) {
            Duration step = policy.demand().step();
            long s = step.getSeconds();
            Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), s) * s);
            try {
                c = new Recent(now, Optional.of(source.get().demand(policy, new TimeWindow(end.minus(HISTORY), end, step))), "");
            } catch (RuntimeException e) {
                Log.warnf("reading recent demand for the console failed service=%s: %s", policy.key(), e.getMessage());
                c = new Recent(now, Optional.empty(), "no recent demand: " + e.getMessage());
            }
            cache.put(policy.key(), c);
        }
        return c;
    }
}
