package io.prewarm.gitops.jgit;

import io.prewarm.gitops.UnsafePathException;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps prewarm's reads and writes inside its clone. A symbolic link committed to the repository (for
 * example {@code generated -> /etc}) would make a write of {@code generated/prod/web/main.tf} land outside
 * the clone, so: no symbolic link may be committed at or under {@link #GUARDED} (checked on the tree before
 * anything is written), no component of a written path may be a link on disk, and its real parent must be
 * inside the clone. docs/gitops.md, "What prewarm refuses to write".
 */
final class CloneGuard {
    /** The folders prewarm writes or reads: links are refused anywhere in them. */
    static final List<String> GUARDED = List.of("generated", "overrides", "policies");

    private CloneGuard() {
    }

    /** Refuses the first symbolic link at or under a guarded folder of {@code commit}'s tree. */
    static void checkTree(Repository repo, ObjectId commit, String describe) throws IOException {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(GUARDED));
            while (tw.next()) {
                if (tw.getFileMode(0) == FileMode.SYMLINK) {
                    throw new UnsafePathException("writing to " + describe + ": " + tw.getPathString()
                            + " is a symbolic link (to " + linkTarget(repo, tw.getObjectId(0)) + ") committed in the repository; prewarm refuses "
                            + "links under " + String.join("/, ", GUARDED) + "/, replace it with a real folder or file");
                }
            }
        }
    }

    /**
     * The text of {@code path} at {@code commit}, or empty; refuses a path any component of which is a symbolic
     * link in the tree (its blob is the link's target, never the content prewarm meant to read).
     */
    static java.util.Optional<String> read(Repository repo, ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            org.eclipse.jgit.revwalk.RevTree tree = walk.parseCommit(commit).getTree();
            String prefix = "";
            for (String part : path.split("/")) {
                prefix = prefix.isEmpty() ? part : prefix + "/" + part;
                try (TreeWalk tw = TreeWalk.forPath(repo, prefix, tree)) {
                    if (tw == null) {
                        return java.util.Optional.empty();
                    }
                    if (tw.getFileMode(0) == FileMode.SYMLINK) {
                        throw new UnsafePathException("reading " + path + ": " + prefix + " is a symbolic link (to "
                                + linkTarget(repo, tw.getObjectId(0)) + ") committed in the repository; prewarm reads "
                                + "only real folders and files, replace it");
                    }
                    if (prefix.length() == path.length()) {
                        return java.util.Optional.of(new String(repo.open(tw.getObjectId(0)).getBytes(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
            return java.util.Optional.empty();
        }
    }

    private static String linkTarget(Repository repo, ObjectId blob) throws IOException {
        org.eclipse.jgit.lib.ObjectLoader link = repo.open(blob);
        return link.getSize() > 4096 ? "a path of " + link.getSize() + " bytes"
                : new String(link.getCachedBytes(4096), StandardCharsets.UTF_8);
    }

    /**
     * The file {@code relative} inside {@code root}, after checking that no existing component of it (nor the
     * temporary file beside it) is a symbolic link on disk and that its existing parent resolves inside root.
     */
    static Path resolve(Path root, String relative, String tmpSuffix) throws IOException {
        Path target = RepoSpec.safeResolve(root, relative);
        Path cur = root;
        for (Path name : root.relativize(target)) {
            cur = cur.resolve(name);
            if (Files.isSymbolicLink(cur)) {
                throw link(relative, root.relativize(cur), cur);
            }
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + tmpSuffix);
        if (Files.isSymbolicLink(tmp)) {
            throw link(relative, root.relativize(tmp), tmp);
        }
        Path parent = target.getParent();
        while (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            parent = parent.getParent();
        }
        if (parent == null || !parent.toRealPath().startsWith(root.toRealPath())) {
            throw new UnsafePathException("writing " + relative + ": resolves outside the clone of the repository");
        }
        return target;
    }

    private static UnsafePathException link(String relative, Path component, Path onDisk) {
        String to;
        try {
            to = Files.readSymbolicLink(onDisk).toString();
        } catch (IOException e) {
            to = "?";
        }
        return new UnsafePathException("writing " + relative + ": " + component + " is a symbolic link (to " + to
                + ") in the repository; prewarm writes only real folders and files inside its clone, replace it");
    }
}
