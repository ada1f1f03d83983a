package io.prewarm.metrics.prometheus;

import java.io.IOException;
import java.util.Optional;

/**
 * One HTTP exchange with the server, without retries. The seam between the retry/chunking logic and the
 * HTTP client, so that logic is tested without a network.
 */
interface Transport extends AutoCloseable {

    /** A completed exchange: any status, the body bytes, and a {@code Retry-After} in seconds if given. */
    record Reply(int status, byte[] body, String contentType, Optional<Long> retryAfterSeconds) {
    }

    Reply queryRange(String query, String start, String end, String step, String timeout) throws IOException;

    Reply query(String query, String timeout) throws IOException;

    @Override
    void close();
}
