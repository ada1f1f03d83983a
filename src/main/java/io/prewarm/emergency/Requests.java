package io.prewarm.emergency;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.prewarm.common.Environment;
import io.prewarm.common.ServiceId;
import io.prewarm.common.ServiceKey;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsing of the JSON bodies: unknown fields, wrong types and out-of-range values are refused with
 * 422 and the field's name; malformed JSON, a field given twice, nesting deeper than {@value #MAX_DEPTH}
 * and a body that is not a JSON object with 400. Every webhook body (Alertmanager's too) is parsed here.
 */
final class Requests {
    /** Deepest nesting of arrays and objects a body may have (an Alertmanager payload needs 4). */
    static final int MAX_DEPTH = 32;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,6})(s|m|h|d)");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Set<String> SCALE_UP = Set.of("service", "environment", "target", "step", "current", "reason",
            "ttl", "actor");
    private static final Set<String> FREEZE = Set.of("service", "environment", "count", "reason", "ttl", "actor");
    private static final Set<String> UNFREEZE = Set.of("reason", "actor", "environment", "service");

    private Requests() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(400, null, "empty body: send a JSON object");
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new ApiException(400, null, "refusing the body: JSON nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Duplicate field ")) {
                throw new ApiException(400, null, "refusing the body: field " + Action.clip(m.substring(16))
                        + " is given twice" + at(e.getLocation()));
            }
            throw new ApiException(400, null, "malformed JSON" + at(e.getLocation()));
        } catch (java.io.IOException e) {
            throw new ApiException(400, null, "unreadable body");
        }
        if (n == null || !n.isObject()) {
            throw new ApiException(400, null, "the body must be a JSON object, not " + (n == null || n.isMissingNode()
                    ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return n;
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + " column " + l.getColumnNr();
    }

    static Action scaleUp(byte[] body, Caller caller, Optional<String> key, EmergencyConfig config) {
        JsonNode n = parse(body);
        only(n, SCALE_UP);
        ServiceKey sk = serviceKey(n);
        OptionalInt target = optInt(n, "target", 1, 100_000);
        Optional<Action.Step> step = optText(n, "step", 20).map(s -> Action.Step.parse(s, "step"));
        if (target.isPresent() && step.isPresent()) {
            throw ApiException.invalid("step", "give either target or step, not both");
        }
        if (target.isEmpty() && step.isEmpty()) {
            step = Optional.of(new Action.Step(true, config.defaultStepPercent()));
        }
        Duration ttl = optText(n, "ttl", 40).map(t -> duration(t, "ttl", config.maxTtl())).orElse(config.defaultTtl());
        return new Action(Action.Kind.SCALE_UP, sk, actor(caller, n), reason(n), target, step,
                optInt(n, "current", 0, 100_000), Optional.of(ttl), Optional.empty(), key);
    }

    static Action freeze(byte[] body, Caller caller, Optional<String> key, EmergencyConfig config) {
        JsonNode n = parse(body);
        only(n, FREEZE);
        ServiceKey sk = serviceKey(n);
        Optional<Duration> ttl = optText(n, "ttl", 40).map(t -> duration(t, "ttl", config.maxTtl()));
        return new Action(Action.Kind.FREEZE, sk, actor(caller, n), reason(n), OptionalInt.empty(), Optional.empty(),
                optInt(n, "count", 0, 100_000), ttl, Optional.empty(), key);
    }

    /** An unfreeze; the optional body ({@code reason}, {@code actor}) is recorded like a freeze's. */
    static Action unfreeze(String environment, String service, byte[] body, Caller caller, Optional<String> key) {
        ServiceKey sk = key(environment, service);
        String actor = caller.name();
        String reason = "unfrozen by " + caller.name();
        if (body != null && body.length > 0) {
            JsonNode n = parse(body);
            only(n, UNFREEZE);
            for (String[] f : new String[][]{{"environment", environment}, {"service", service}}) {
                Optional<String> named = optText(n, f[0], 50);
                if (named.isPresent() && !named.get().equals(f[1])) {
                    throw ApiException.invalid(f[0], "'" + Action.clip(named.get()) + "' is not the " + f[0]
                            + " of the path (" + f[1] + ")");
                }
            }
            actor = actor(caller, n);
            reason = optText(n, "reason", 500).orElse("unfrozen by " + actor);
        }
        return new Action(Action.Kind.UNFREEZE, sk, actor, reason, OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), key);
    }

    /**
     * Whether a DELETE body names the environment and service of its path, which lets a signature over the body
     * alone (the older form) stand for this request. Lenient: an unreadable body names nothing.
     */
    static boolean names(byte[] body, String environment, String service) {
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            JsonNode n = parse(body);
            return environment.equals(n.path("environment").asText(null)) && service.equals(n.path("service").asText(null));
        } catch (ApiException e) {
            return false;
        }
    }

    /** SHA-256 (hex) of a request: method, path and body; what an idempotency key is bound to. */
    static Optional<String> digest(String method, String path, byte[] body) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update((method + " " + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(body == null ? new byte[0] : body);
            return Optional.of(java.util.HexFormat.of().formatHex(md.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Idempotency-Key header, checked: 1-200 printable ASCII characters. */
    static Optional<String> idempotencyKey(String header, Caller caller) {
        if (header == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(header).matches()) {
            throw ApiException.invalid("Idempotency-Key", "must be 1-200 printable ASCII characters without spaces");
        }
        return Optional.of("key/" + caller.name() + "/" + header);
    }

    static ServiceKey key(String environment, String service) {
        if (environment == null || !Environment.isValid(environment)) {
            throw ApiException.invalid("environment", "must be 1-32 lowercase letters, digits and '-'");
        }
        if (service == null || !ServiceId.isValid(service)) {
            throw ApiException.invalid("service", "must be 1-50 lowercase letters, digits and '-'");
        }
        return ServiceKey.of(environment, service);
    }

    private static ServiceKey serviceKey(JsonNode n) {
        return key(text(n, "environment", 32), text(n, "service", 50));
    }

    private static void only(JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiException.invalid(Action.clip(f), "unknown field; allowed: " + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode n, String field, int max) {
        return optText(n, field, max).orElseThrow(() -> ApiException.invalid(field, "required"));
    }

    static Optional<String> optText(JsonNode n, String field, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, "must be a string");
        }
        String s = v.asText();
        if (s.isBlank() || s.length() > max) {
            throw ApiException.invalid(field, "must be 1-" + max + " characters");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(field, "must not contain control characters");
        }
        return Optional.of(s.strip());
    }

    private static OptionalInt optInt(JsonNode n, String field, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.invalid(field, "must be a whole number from " + min + " to " + max);
        }
        return OptionalInt.of(v.asInt());
    }

    private static String reason(JsonNode n) {
        return text(n, "reason", 500);
    }

    private static String actor(Caller caller, JsonNode n) {
        return optText(n, "actor", 100).map(a -> caller.name() + " (" + a + ")").orElse(caller.name());
    }

    /** {@code 90m}, {@code 2h}, {@code 1d}, {@code 30s} or ISO-8601 {@code PT2H}; positive, at most {@code max}. */
    static Duration duration(String text, String field, Duration max) {
        Duration d;
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            };
        } else {
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(field, "'" + Action.clip(text) + "' is not a duration such as 90m, 2h or PT2H");
            }
        }
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw ApiException.invalid(field, "must be positive and at most " + max.toHours() + "h");
        }
        return d;
    }
}
