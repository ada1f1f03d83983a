package io.prewarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Peak resident memory from Linux's {@code /proc}: {@link #resetPeak()} sets the high-water mark
 * ({@code VmHWM}) back to the current resident size, so a later {@link #peakMb()} is the peak of what ran
 * in between (plus what was resident when it started).
 */
final class ProcStatus {
    private static final Path SELF = Path.of("/proc/self/status");

    private ProcStatus() {
    }

    /** Resets the peak; false where /proc does not allow it (not Linux). */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static Optional<Long> peakMb() {
        return kilobytes(SELF, "VmHWM").map(kb -> kb / 1024);
    }

    static Optional<Long> rssMb() {
        return kilobytes(SELF, "VmRSS").map(kb -> kb / 1024);
    }

    /** CPU time of this JVM (all threads, JIT and GC included), or 0 where the JVM does not tell. */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** Milliseconds the collectors have spent so far (pauses and concurrent work as the JVM reports it). */
    static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** A "Name:   1234 kB" field of a /proc status file. */
    static Optional<Long> kilobytes(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Optional.of(Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
