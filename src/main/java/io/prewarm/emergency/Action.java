package io.prewarm.emergency;

import io.prewarm.common.ServiceKey;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One validated emergency action, ready to be written.
 *
 * @param kind           what to do
 * @param key            environment and service
 * @param actor          who asked (the token's name, plus the alert or user it named)
 * @param reason         why (one line, no control characters)
 * @param target         scale-up: the count asked for
 * @param step           scale-up: the step when no target is given
 * @param count          freeze: the count given in the request; scale-up: the current count given
 * @param ttl            how long the action lasts (freeze: empty means until unfrozen)
 * @param endsOnly       unfreeze / end scale-up: only end the override with this id (what firing started)
 * @param idempotencyKey the key that makes repeats harmless, when there is one
 * @param requestDigest  SHA-256 of the request (method, path, body) that gave the idempotency key; a key reused
 *                       with another request is refused
 * @param signed         the signed request it came from, when it was signed (replay protection)
 */
public record Action(Kind kind, ServiceKey key, String actor, String reason, OptionalInt target, Optional<Step> step,
                     OptionalInt count, Optional<Duration> ttl, Optional<String> endsOnly,
                     Optional<String> idempotencyKey, Optional<String> requestDigest, Optional<SignedRequest> signed) {

    /** An action from no particular request (neither digest nor signature). */
    public Action(Kind kind, ServiceKey key, String actor, String reason, OptionalInt target, Optional<Step> step,
                  OptionalInt count, Optional<Duration> ttl, Optional<String> endsOnly, Optional<String> idempotencyKey) {
        this(kind, key, actor, reason, target, step, count, ttl, endsOnly, idempotencyKey, Optional.empty(),
                Optional.empty());
    }

    /** This action as asked by a request: its digest (method, path, body) and its signature, if signed. */
    Action from(Optional<String> digest, Caller caller) {
        return new Action(kind, key, actor, reason, target, step, count, ttl, endsOnly, idempotencyKey, digest,
                caller.signed());
    }

    /** What an action does. */
    public enum Kind {
        SCALE_UP("scale-up"), FREEZE("freeze"), UNFREEZE("unfreeze"), END_SCALE_UP("end-scale-up");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A scale-up step: a percentage of the current count, or a number of instances. */
    public record Step(boolean percent, int amount) {
        public Step {
            if (amount < 1 || (percent && amount > 1000) || (!percent && amount > 100_000)) {
                throw ApiException.invalid("step", "must be +1% to +1000% or +1 to +100000 instances");
            }
        }

        /** Parses {@code +20%}, {@code 20%}, {@code +4} or {@code 4}. */
        public static Step parse(String text, String field) {
            String t = text.trim();
            if (t.startsWith("+")) {
                t = t.substring(1);
            }
            boolean pct = t.endsWith("%");
            if (pct) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.matches("[0-9]{1,6}")) {
                throw ApiException.invalid(field, "'" + clip(text) + "' is not a step such as +20% or +4");
            }
            try {
                return new Step(pct, Integer.parseInt(t));
            } catch (ApiException e) {
                throw ApiException.invalid(field, "must be +1% to +1000% or +1 to +100000 instances");
            }
        }

        /** The count after stepping up from {@code current}: at least one more instance. */
        public int apply(int current) {
            long next = percent ? (long) Math.ceil(current * (1 + amount / 100.0)) : (long) current + amount;
            return (int) Math.min(Integer.MAX_VALUE, Math.max(next, (long) current + 1));
        }

        @Override
        public String toString() {
            return "+" + amount + (percent ? "%" : "");
        }
    }

    public Action {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(endsOnly, "endsOnly");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestDigest, "requestDigest");
        Objects.requireNonNull(signed, "signed");
    }

    static String clip(String s) {
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }
}
