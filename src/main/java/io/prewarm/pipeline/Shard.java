package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One of {@code count} deterministic slices of the fleet, numbered from 1 as GitLab's {@code parallel:} jobs
 * number them ({@code --shard $CI_NODE_INDEX/$CI_NODE_TOTAL}). A service belongs to exactly one shard, chosen
 * by a stable hash of {@code <environment>/<service>}: adding or removing other services never moves it, and
 * every machine and JVM agrees.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record Shard(int index, int count) {
    /** The whole fleet in one shard. */
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern SPEC = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not i/n with 1 <= i <= n");
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not i/n (for example 2/8)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether {@code key} is planned by this shard. */
    public boolean contains(ServiceKey key) {
        CRC32 crc = new CRC32();
        crc.update(key.path().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count) + 1 == index;
    }

    /** Appended to the proposal branch so shards never overwrite each other: {@code -shard-2-of-8}, empty for one shard. */
    public String branchSuffix() {
        return count == 1 ? "" : "-shard-" + index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
