package io.prewarm.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads policy files safely: only real files inside the folder (no symbolic link, at any depth, so a link
 * committed to a cloned repository cannot make prewarm read outside it), at most {@link #MAX_BYTES} each
 * (checked before reading), and strictly UTF-8.
 */
final class PolicyFiles {
    /** The largest policy file read (256 KiB); a real policy is a few hundred bytes. docs/planner.md */
    static final int MAX_BYTES = 256 * 1024;

    private PolicyFiles() {
    }

    /** The policy files ({@code *.yaml}, {@code *.yml}) under {@code dir}, sorted; symbolic links are problems. */
    static List<Path> list(Path dir, List<PolicyProblem> problems) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("listing policies in " + dir + ": " + e.getMessage(), e);
        }
        try (Stream<Path> walk = Files.walk(dir)) { // never follows links
            List<Path> all = walk.filter(p -> !p.equals(dir)).sorted(Comparator.comparing(Path::toString)).toList();
            for (Path p : all) {
                if (Files.isSymbolicLink(p)) {
                    problems.add(new PolicyProblem(p.toString(), "", "reading policy: is a symbolic link (to "
                            + target(p) + "); prewarm reads only real files and folders inside " + dir));
                } else if (!inside(root, p)) {
                    problems.add(new PolicyProblem(p.toString(), "", "reading policy: resolves outside " + dir));
                }
            }
            return all.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> inside(root, p))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("listing policies in " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** The text of one policy file, or empty with the problem added (too large, not UTF-8, unreadable, a link). */
    static Optional<String> read(Path file, List<PolicyProblem> problems) {
        String name = file.toString();
        try {
            if (Files.isSymbolicLink(file)) {
                problems.add(new PolicyProblem(name, "", "reading policy: is a symbolic link (to " + target(file)
                        + "); prewarm reads only real files"));
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new PolicyProblem(name, "", "reading policy: " + size + " bytes is over the limit of "
                        + MAX_BYTES + " bytes (256 KiB) for one policy file"));
                return Optional.empty();
            }
            byte[] bytes;
            try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // the file may grow between size and read
            }
            if (bytes.length > MAX_BYTES) {
                problems.add(new PolicyProblem(name, "", "reading policy: over the limit of " + MAX_BYTES
                        + " bytes (256 KiB) for one policy file"));
                return Optional.empty();
            }
            return utf8(bytes, name, problems);
        } catch (IOException e) {
            problems.add(new PolicyProblem(name, "", "reading policy: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<String> utf8(byte[] bytes, String name, List<PolicyProblem> problems) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString());
        } catch (CharacterCodingException e) {
            int at = Math.min(in.position(), bytes.length - 1);
            problems.add(new PolicyProblem(name, "", String.format(java.util.Locale.ROOT,
                    "reading policy: not UTF-8 text (byte 0x%02x at offset %d)", bytes[at] & 0xff, at)));
            return Optional.empty();
        }
    }

    private static boolean inside(Path root, Path file) {
        try {
            return file.toRealPath().startsWith(root);
        } catch (IOException e) {
            return true; // vanished: reading it reports the problem
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
