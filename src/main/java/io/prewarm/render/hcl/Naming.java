package io.prewarm.render.hcl;

import io.prewarm.common.ServiceKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Paths, names and formats shared by the renderers of every target. */
public final class Naming {
    /** Folder of all generated files, relative to the repository root. */
    public static final String GENERATED = "generated";

    private static final java.util.regex.Pattern IANA =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Naming() {
    }

    /** {@code generated/<environment>/<service>/}: both segments are validated names, safe as paths. */
    public static String folder(ServiceKey key) {
        return GENERATED + "/" + key.environment().value() + "/" + key.service().value() + "/";
    }

    /**
     * The first eight hex digits of SHA-256 over the parts (joined with a separator that cannot occur
     * in them unescaped). Stable across JVMs and runs.
     */
    public static String shortHash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("hashing: SHA-256 unavailable", e);
        }
    }

    /**
     * The zone's IANA name. Clouds take tz-database names and handle daylight saving themselves; a fixed
     * offset such as {@code +02:00} would silently drift by an hour twice a year, so it is rejected.
     */
    public static String ianaZone(ZoneId zone, String context) {
        if (zone instanceof ZoneOffset) {
            if (zone.equals(ZoneOffset.UTC)) {
                return "Etc/UTC";
            }
            throw new IllegalArgumentException(context + ": time zone " + zone
                    + " is a fixed offset, not an IANA name such as Europe/Berlin");
        }
        String id = zone.getId();
        if (!IANA.matcher(id).matches()) {
            throw new IllegalArgumentException(context + ": time zone " + id + " is not an IANA name");
        }
        return id;
    }

    /** {@code YYYY-MM-DDThh:mm:ssZ} in UTC, the format AWS and Azure take for one-off times. */
    public static String utcSeconds(Instant instant) {
        return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
