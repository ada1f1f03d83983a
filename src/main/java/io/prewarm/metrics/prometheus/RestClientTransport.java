package io.prewarm.metrics.prometheus;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link Transport} over the Quarkus REST client. Thread-safe: the client is shared by all callers. */
final class RestClientTransport implements Transport {

    private final PrometheusApi api;

    private RestClientTransport(PrometheusApi api) {
        this.api = api;
    }

    /** Builds the client; reads the CA file now, so a bad file fails before any query. */
    static RestClientTransport create(URI baseUri, PrometheusConfig s, Credentials credentials) {
        Set<String> masked = new HashSet<>(credentials.headers().keySet());
        masked.add(HttpHeaders.AUTHORIZATION);
        QuarkusRestClientBuilder b = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(s.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .loggingMaskedHeaders(masked)
                .clientHeadersFactory(new FixedHeaders(credentials.headers()))
                .verifyHost(s.tlsVerifyHost());
        s.tlsCaFile().ifPresent(f -> b.trustStore(TrustStores.fromPem(f)));
        return new RestClientTransport(b.build(PrometheusApi.class));
    }

    @Override
    public Reply queryRange(String query, String start, String end, String step, String timeout) throws IOException {
        return exchange(() -> api.queryRange(query, start, end, step, timeout));
    }

    @Override
    public Reply query(String query, String timeout) throws IOException {
        return exchange(() -> api.query(query, timeout));
    }

    private static Reply exchange(Supplier<Response> call) throws IOException {
        try (Response r = call.get()) {
            byte[] body = r.hasEntity() ? r.readEntity(byte[].class) : new byte[0];
            String type = r.getHeaderString(HttpHeaders.CONTENT_TYPE);
            return new Reply(r.getStatus(), body == null ? new byte[0] : body, type == null ? "" : type,
                    retryAfter(r.getHeaderString("Retry-After")));
        } catch (ProcessingException | IllegalStateException e) {
            throw classify(e);
        }
    }

    private static Optional<Long> retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,9}")) {
            return Optional.empty(); // the HTTP-date form is rare from Prometheus proxies; fall back to backoff
        }
        return Optional.of(Long.parseLong(header.strip()));
    }

    /** Maps the client's exception chain onto a short cause that names no header or credential. */
    static TransportException classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new TransportException(TransportException.Kind.CONNECT, "connection refused", e);
            }
            if (t instanceof UnknownHostException) {
                return new TransportException(TransportException.Kind.CONNECT, "unknown host " + t.getMessage(), e);
            }
            if (t.getClass().getName().contains("Timeout")) {
                return new TransportException(TransportException.Kind.TIMEOUT, "timed out", e);
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return new TransportException(TransportException.Kind.IO, "TLS failure: " + t.getMessage(), e);
            }
        }
        return new TransportException(TransportException.Kind.IO, "I/O error: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    @Override
    public void close() {
        api.close();
    }

    /** Adds the same headers to every request; the map is built once and never printed. */
    private record FixedHeaders(Map<String, String> headers) implements ClientHeadersFactory {
        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                     MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> result = new MultivaluedHashMap<>();
            headers.forEach(result::putSingle);
            return result;
        }

        @Override
        public String toString() {
            return "FixedHeaders" + headers.keySet();
        }
    }
}
