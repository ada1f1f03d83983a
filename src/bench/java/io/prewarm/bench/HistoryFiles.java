package io.prewarm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the fleet's history as OpenMetrics, one file per two-hour block, streamed service by service so
 * the fleet's history is never held in memory. One file per block because promtool 2.42 re-reads its whole
 * input once for every two-hour block it spans: 28 days in one file would be read 336 times.
 */
final class HistoryFiles implements AutoCloseable {
    /** promtool's block length, to which block files are aligned. */
    static final Duration BLOCK = Duration.ofHours(2);

    private final Instant start;
    private final Duration step;
    private final int perBlock;
    private final List<Path> files = new ArrayList<>();
    private final List<BufferedWriter> writers = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(128);
    private long samples;

    /**
     * @param dir   folder for the files
     * @param start first sample, aligned to {@link #BLOCK}
     * @param end   end of the history (exclusive), aligned to {@link #BLOCK}
     */
    HistoryFiles(Path dir, Instant start, Instant end, Duration step) throws IOException {
        if (start.getEpochSecond() % BLOCK.getSeconds() != 0 || end.getEpochSecond() % BLOCK.getSeconds() != 0) {
            throw new IllegalArgumentException("history must start and end on a two-hour boundary, got " + start
                    + " to " + end);
        }
        this.start = start;
        this.step = step;
        this.perBlock = (int) (BLOCK.getSeconds() / step.getSeconds());
        Files.createDirectories(dir);
        for (Instant t = start; t.isBefore(end); t = t.plus(BLOCK)) {
            Path f = dir.resolve("block-" + t.getEpochSecond() + ".om.txt");
            files.add(f);
            BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
            w.write("# TYPE " + SyntheticFleet.METRIC + " gauge\n");
            writers.add(w);
        }
    }

    /** Number of points a series needs to cover the history. */
    int points() {
        return files.size() * perBlock;
    }

    /** Appends one service's series (exactly {@link #points()} values from the start). */
    void write(SyntheticFleet.Service s, double[] values) throws IOException {
        if (values.length != points()) {
            throw new IllegalArgumentException("series of " + values.length + " points, expected " + points());
        }
        String prefix = SyntheticFleet.METRIC + "{environment=\"" + s.environment() + "\",service=\"" + s.name() + "\"} ";
        long stepMs = step.toMillis();
        for (int b = 0; b < writers.size(); b++) {
            BufferedWriter w = writers.get(b);
            for (int k = 0; k < perBlock; k++) {
                int i = b * perBlock + k;
                line.setLength(0);
                line.append(prefix).append(values[i]).append(' ')
                        .append(BigDecimal.valueOf(start.toEpochMilli() + i * stepMs, 3).stripTrailingZeros()
                                .toPlainString()).append('\n');
                w.append(line);
            }
        }
        samples += values.length;
    }

    long samples() {
        return samples;
    }

    List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public void close() {
        IOException first = null;
        for (BufferedWriter w : writers) {
            try {
                w.write("# EOF\n");
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        if (first != null) {
            throw new UncheckedIOException("writing history files: " + first.getMessage(), first);
        }
    }
}
