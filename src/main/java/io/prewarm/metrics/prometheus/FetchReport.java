package io.prewarm.metrics.prometheus;

import io.prewarm.common.ServiceKey;

import java.util.List;
import java.util.Objects;

/**
 * What reading one service's history found, for the run summary: how complete the series is and what the
 * server warned about. Gaps are reported here and left as NaN in the series; nothing is filled in.
 *
 * @param service          the service
 * @param server           the server, without credentials
 * @param points           points in the window
 * @param series           series the query returned before aggregation
 * @param requests         range requests (chunks) made
 * @param retries          attempts repeated after a retryable failure
 * @param missingSamples   points without a value after aggregation (gaps, NaN, infinities)
 * @param longestGap       longest run of consecutive missing points
 * @param infiniteSamples  {@code +Inf}/{@code -Inf} samples, turned into missing points
 * @param offGridSamples   samples whose timestamp was not on the window's grid, ignored
 * @param warnings         distinct warnings the server sent (partial data from Thanos, for example)
 */
public record FetchReport(ServiceKey service, String server, int points, int series, int requests, int retries,
                          int missingSamples, int longestGap, int infiniteSamples, int offGridSamples,
                          List<String> warnings) {
    public FetchReport {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(server, "server");
        warnings = List.copyOf(warnings);
    }

    /** Whether the series is complete and the server did not warn. */
    public boolean clean() {
        return missingSamples == 0 && offGridSamples == 0 && warnings.isEmpty();
    }

    /** One key=value line for the run summary. */
    public String summary() {
        return "service=" + service + " points=" + points + " missing=" + missingSamples + " longest_gap="
                + longestGap + " infinite=" + infiniteSamples + " series=" + series + " requests=" + requests
                + " retries=" + retries + (offGridSamples > 0 ? " off_grid=" + offGridSamples : "")
                + (warnings.isEmpty() ? "" : " warnings=" + warnings.size());
    }
}
