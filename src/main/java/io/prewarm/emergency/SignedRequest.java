package io.prewarm.emergency;

import java.util.Objects;

/**
 * A request accepted by its HMAC signature. Emergency commits record it as a trailer so that a restarted
 * {@code serve} or another replica, which rebuild their state from Git, refuse the same signature again.
 *
 * @param digest  SHA-256 (hex) of the signature's bytes: names the request without the secret or the signature
 * @param request a random id of this acceptance, so the several actions of one Alertmanager payload are not
 *                taken for replays of each other
 */
public record SignedRequest(String digest, String request) {
    public SignedRequest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(request, "request");
    }

    /** The trailer value: {@code sha256=<hex> request=<id>}. */
    String trailer() {
        return "sha256=" + digest + " request=" + request;
    }

    /** The request a trailer value names, if it is well formed. */
    static java.util.Optional<SignedRequest> parse(String trailer) {
        String[] parts = trailer.trim().split(" ");
        if (parts.length != 2 || !parts[0].startsWith("sha256=") || !parts[1].startsWith("request=")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SignedRequest(parts[0].substring(7), parts[1].substring(8)));
    }
}
