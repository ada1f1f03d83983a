package io.prewarm.emergency;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates a request by bearer token or by HMAC-SHA256 signature. Signed requests carry
 * {@code X-Prewarm-Timestamp} (Unix seconds) and {@code X-Prewarm-Signature: sha256=<hex>} over
 * {@code timestamp + "." + METHOD + " " + path + "\n" + body} (path as sent, without query), keyed with one of
 * the tokens' secrets. The older form over {@code timestamp + "." + body} binds neither method nor path, so it
 * is accepted only where the caller says the body names what the request acts on (POST scale-up and freeze,
 * a DELETE whose body names its path's environment and service). A timestamp outside the window or a
 * signature already seen is refused as a replay; a refused request never consumes its signature. Seen here means by this process; the caller carries
 * the signature's SHA-256 on to {@link EmergencyService}, which also refuses a signature recorded in the
 * commit trailers (a restart, another replica). Every comparison is constant time, and no message names a
 * secret or a signature.
 */
public final class Authenticator {
    public static final String TIMESTAMP = "X-Prewarm-Timestamp";
    public static final String SIGNATURE = "X-Prewarm-Signature";
    /** Shortest secret accepted, for scoped tokens and {@code PREWARM_API_TOKEN} alike. */
    static final int MIN_SECRET = 16;

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final Map<String, Caller> callers = new LinkedHashMap<>();
    private final Duration window;
    private final Clock clock;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /**
     * @param tokens   configured tokens by name
     * @param allScope the quick-start token with every scope, if any
     * @param window   the replay window of signed requests
     */
    public Authenticator(Map<String, EmergencyConfig.Token> tokens, Optional<String> allScope, Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
        allScope.filter(s -> !s.isBlank()).ifPresent(s -> {
            if (s.strip().length() < MIN_SECRET) {
                throw new IllegalArgumentException("PREWARM_API_TOKEN: must be at least " + MIN_SECRET
                        + " characters (a random one: openssl rand -hex 24)");
            }
            add("PREWARM_API_TOKEN", s, Caller.of("PREWARM_API_TOKEN", List.of("*"), Optional.empty()));
        });
        tokens.forEach((name, t) -> {
            if (t.secret().length() < MIN_SECRET) {
                throw new IllegalArgumentException("prewarm.emergency.tokens." + name
                        + ".secret: must be at least " + MIN_SECRET + " characters");
            }
            add(name, t.secret(), Caller.of(name, t.actions(), t.services()));
        });
    }

    private void add(String name, String secret, Caller caller) {
        secrets.put(name, secret.getBytes(StandardCharsets.UTF_8));
        callers.put(name, caller);
    }

    /** Whether any token is configured; without one every mutating request is refused. */
    public boolean hasTokens() {
        return !secrets.isEmpty();
    }

    /**
     * @param authorization the Authorization header, or null
     * @param timestamp     the timestamp header, or null
     * @param signature     the signature header, or null
     * @param method        the request's method ({@code POST}, {@code DELETE})
     * @param path          the request's path as sent, without query
     * @param body          the raw body
     * @param bodyNamesTarget whether the body names the environment and service the request acts on, so that a
     *                      signature over {@code timestamp.body} alone (the older form) cannot be moved elsewhere
     * @return the caller
     * @throws ApiException 401 when the credentials are missing, wrong or replayed
     */
    public Caller authenticate(String authorization, String timestamp, String signature, String method, String path,
                               byte[] body, boolean bodyNamesTarget) {
        if (signature != null) {
            return verifySignature(timestamp, signature, method, path, body, bodyNamesTarget);
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, null, "missing credentials: send Authorization: Bearer <token> or a signature");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
            // every token is compared, matched or not, so timing does not tell which one nearly matched
            if (MessageDigest.isEqual(sha256(given), sha256(e.getValue())) && match == null) {
                match = e.getKey();
            }
        }
        if (match == null) {
            throw new ApiException(401, null, "invalid token");
        }
        return callers.get(match);
    }

    private Caller verifySignature(String timestamp, String signature, String method, String path, byte[] body,
                                   boolean bodyNamesTarget) {
        if (timestamp == null) {
            throw new ApiException(401, null, "signed request without " + TIMESTAMP);
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(401, null, TIMESTAMP + " is not Unix seconds");
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - ts) > window.getSeconds()) {
            throw new ApiException(401, null, "signature timestamp is outside the " + window.toSeconds()
                    + " s window (replayed or clock skew)");
        }
        String hex = signature.trim();
        if (hex.startsWith("sha256=")) {
            hex = hex.substring(7);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, null, "invalid signature");
        }
        byte[] bound = prefix(timestamp.trim(), method, path);
        byte[] legacy = (timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        String match = null;
        boolean unbound = false;
        for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
            // both forms are computed for every secret, so timing tells neither which secret nor which form
            boolean b = MessageDigest.isEqual(given, hmac(e.getValue(), bound, body));
            boolean l = MessageDigest.isEqual(given, hmac(e.getValue(), legacy, body));
            if ((b || l) && match == null) {
                match = e.getKey();
                unbound = !b;
            }
        }
        if (match == null) {
            throw new ApiException(401, null, "invalid signature");
        }
        if (unbound && !bodyNamesTarget) { // refused before it is remembered: the signature is not consumed
            throw new ApiException(401, null, "signature covers only the timestamp and the body, which does not name "
                    + "the environment and service of " + method + " " + path + ": sign \"<timestamp>." + method + " "
                    + path + "\\n<body>\" (method and path)");
        }
        prune(now);
        String digest = HexFormat.of().formatHex(sha256(given));
        if (seen.putIfAbsent(digest, now) != null) {
            throw replayed();
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return callers.get(match).signed(new SignedRequest(digest, HexFormat.of().formatHex(id)));
    }

    /** The answer to a signature seen before, here or (through the commit trailers) by another process. */
    static ApiException replayed() {
        return new ApiException(401, null, "signature already used (replayed request): sign again with a new timestamp");
    }

    private void prune(Instant now) {
        if (seen.size() > 10_000) {
            seen.values().removeIf(t -> t.isBefore(now.minus(window.multipliedBy(2))));
        }
    }

    /** The bytes signed before the body: {@code <timestamp>.<METHOD> <path>\n}. */
    static byte[] prefix(String timestamp, String method, String path) {
        return (timestamp + "." + method + " " + path + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** HMAC-SHA256 of {@code prefix + body}; public for clients and tests that sign. */
    public static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("computing HMAC-SHA256: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The header value a client sends: {@code sha256=<hex>} over {@code <timestamp>.<METHOD> <path>\n<body>}.
     *
     * @param path the path as sent, without query ({@code /v1/emergency/freeze/prod/checkout})
     */
    public static String sign(String secret, long timestamp, String method, String path, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                prefix(String.valueOf(timestamp), method, path), body));
    }

    /**
     * The older form, over {@code timestamp + "." + body} only: accepted where the body names the environment and
     * service (POST scale-up and freeze), refused for a DELETE whose body does not.
     */
    public static String signBodyOnly(String secret, long timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
