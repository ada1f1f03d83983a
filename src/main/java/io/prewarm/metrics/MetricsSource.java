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

    /**
     * Reads any other series of a service on the window's grid (several series are summed): the instance
     * count and p95 latency that capacity per instance is learned from.
     *
     * @throws MetricsException when the source cannot serve the query (the demo serves demand only)
     */
    default TimeSeries series(ServicePolicy policy, String query, TimeWindow window) {
        throw new MetricsException("reading '" + query + "' for service=" + policy.key() + " from " + describe()
                + ": this source serves demand history only; give capacity.perInstance in the policy");
    }

    /** A short description for logs and summaries, without credentials. */
    String describe();
}
