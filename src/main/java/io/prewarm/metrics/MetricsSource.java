package io.prewarm.metrics;

import io.prewarm.common.TimeWindow;
import io.prewarm.policy.ServicePolicy;

/**
 * Where demand history comes from: a Prometheus-compatible server, or the bundled demo history.
 * Implementations return the window on its grid, with NaN for missing samples.
 */
public interface MetricsSource {

    /**
     * Reads the demand history of one service.
     *
     * @throws MetricsException when the history cannot be read; the message names the service, the
     *                          query and the server
     */
    TimeSeries demand(ServicePolicy policy, TimeWindow window);

    /** A short description for logs and summaries, without credentials. */
    String describe();
}
