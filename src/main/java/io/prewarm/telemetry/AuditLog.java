package io.prewarm.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The audit log: one JSON object per line (JSON Lines) per decision and per emergency action, appended to
 * a file (when configured) and written to the application log under the {@code prewarm.audit} category.
 * A {@link #quiet()} log (plan runs without {@code --verbose}) writes to the file only. A line that cannot
 * be written to the file is still logged and counted in {@code prewarm_audit_write_errors_total}: auditing
 * never stops a plan or an emergency action, and never loses a line silently.
 */
public final class AuditLog {
    /** The application log category of audit lines, so operators can route them. */
    public static final String CATEGORY = "prewarm.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Optional<Path> file;
    private final PrewarmMetrics metrics;
    private final boolean echo;
    private final Object lock; // shared with quiet(): both append to the same file

    /**
     * @param file    where lines are appended (created with its folder when missing), or empty for the
     *                application log only
     * @param metrics where write failures are counted
     */
    public AuditLog(Optional<Path> file, PrewarmMetrics metrics) {
        this(file, metrics, true, new Object());
    }

    private AuditLog(Optional<Path> file, PrewarmMetrics metrics, boolean echo, Object lock) {
        this.file = file;
        this.metrics = metrics;
        this.lock = lock;
        this.echo = echo || file.isEmpty(); // without a file the application log is the only copy
    }

    /**
     * The same file, without the copy in the application log (unless there is no file, or writing it
     * fails); its writes and this log's do not interleave.
     */
    public AuditLog quiet() {
        return new AuditLog(file, metrics, false, lock);
    }

    /** Whether lines also go to the application log (stderr for the command line). */
    public boolean echoes() {
        return echo;
    }

    /** The file lines are appended to, if any. */
    public Optional<Path> file() {
        return file;
    }

    /** The JSON line of an entry (no newline). */
    public static String line(AuditEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing audit entry: " + e.getOriginalMessage(), e);
        }
    }

    /** Appends entries in order, as one write, so concurrent writers do not interleave lines. */
    public void write(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        synchronized (lock) {
            writeLocked(entries);
        }
    }

    private void writeLocked(List<AuditEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (AuditEntry e : entries) {
            text.append(line(e)).append('\n');
        }
        boolean written = false;
        if (file.isPresent()) {
            try {
                Path dir = file.get().toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(file.get(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                written = true;
            } catch (IOException | UncheckedIOException e) {
                metrics.auditWriteErrors.inc(entries.size());
                LOG.errorf("writing audit log %s: %s", file.get(), e.getMessage());
            }
        }
        if (echo || !written) {
            text.toString().lines().forEach(l -> LOG.infof("audit %s", l));
        }
    }

    /** Reads the entries of an audit file back (for tests and tools). */
    public static List<AuditEntry> read(Path file) {
        try {
            List<AuditEntry> out = new java.util.ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(JSON.readValue(l, AuditEntry.class));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
