package io.prewarm.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads policy files safely: only files inside the folder (no symbolic link that leaves the folder holding it, at
 * any depth, so a link committed to a cloned repository cannot make prewarm read outside it; CloneGuard refuses
 * committed links under {@code policies/} altogether), at most {@link #MAX_BYTES} each (checked before reading),
 * and strictly UTF-8.
 */
final class PolicyFiles {
    /** The largest policy file read (256 KiB); a real policy is a few hundred bytes. docs/planner.md */
    static final int MAX_BYTES = 256 * 1024;

    private PolicyFiles() {
    }

    /**
     * The policy files ({@code *.yaml}, {@code *.yml}) under {@code dir}, sorted. Hidden files and folders (a name
     * starting with a dot: {@code .git}, an editor's swap file, a Kubernetes ConfigMap volume's {@code ..data}) are
     * not policies and are not walked. A symbolic link is a problem unless it resolves to a real file inside the
     * folder that holds it, which is how a ConfigMap volume presents its keys ({@code web.yaml -> ..data/web.yaml}).
     */
    static List<Path> list(Path dir, List<PolicyProblem> problems) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("listing policies in " + dir + ": " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        Map<String, PolicyProblem> found = new TreeMap<>(); // walk order is the file system's; report sorted
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() { // never follows links
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                    if (hidden(p)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink() && !linkInsideItsFolder(p)) {
                        found.put(p.toString(), new PolicyProblem(p.toString(), "", "reading policy: is a symbolic link"
                                + " (to " + target(p) + "); prewarm reads only real files and folders inside " + dir));
                    } else if (!inside(root, p)) {
                        found.put(p.toString(), new PolicyProblem(p.toString(), "", "reading policy: resolves outside "
                                + dir));
                    } else if (policyName(p) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                        files.add(p);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing policies in " + dir + ": " + e.getMessage(), e);
        }
        problems.addAll(found.values());
        files.sort(Comparator.comparing(Path::toString));
        return List.copyOf(files);
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static boolean policyName(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** A link that resolves to a regular file inside the folder holding it (a ConfigMap key), never outside it. */
    private static boolean linkInsideItsFolder(Path link) {
        try {
            Path real = link.toRealPath();
            return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    && real.startsWith(link.toAbsolutePath().getParent().toRealPath());
        } catch (IOException e) {
            return false; // dangling
        }
    }

    /** The text of one policy file, or empty with the problem added (too large, not UTF-8, unreadable, a link). */
    static Optional<String> read(Path file, List<PolicyProblem> problems) {
        String name = file.toString();
        try {
            Path real = file;
            if (Files.isSymbolicLink(file)) {
                if (!linkInsideItsFolder(file)) {
                    problems.add(new PolicyProblem(name, "", "reading policy: is a symbolic link (to " + target(file)
                            + "); prewarm reads only real files"));
                    return Optional.empty();
                }
                real = file.toRealPath();
            }
            long size = Files.size(real);
            if (size > MAX_BYTES) {
                problems.add(new PolicyProblem(name, "", "reading policy: " + size + " bytes is over the limit of "
                        + MAX_BYTES + " bytes (256 KiB) for one policy file"));
                return Optional.empty();
            }
            byte[] bytes;
            try (var in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
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
