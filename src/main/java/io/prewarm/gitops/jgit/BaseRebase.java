package io.prewarm.gitops.jgit;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves a commit whose push lost the race onto the branch's new head without the work tree, in milliseconds, when
 * the two sides changed different services. Without it the loser fetches, resets, re-applies and commits again,
 * which takes as long as the winner's next commit, so a writer that lost once kept losing (two serve replicas:
 * p99 19 s). Anything else (a path outside {@code overrides/} and {@code generated/}, one service on both sides,
 * an idempotency key or a signature digest trailer on both sides, a head that is not a descendant)
 * answers empty, and the caller re-applies the change on the new head as before.
 */
final class BaseRebase {
    private BaseRebase() {
    }

    static Optional<RevCommit> onto(Repository repo, ObjectId rejected, ObjectId newHead) throws IOException {
        try (RevWalk rw = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
             ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit ours = rw.parseCommit(rejected);
            if (ours.getParentCount() != 1) {
                return Optional.empty();
            }
            RevCommit base = rw.parseCommit(ours.getParent(0));
            RevCommit theirs = rw.parseCommit(newHead);
            if (!rw.isMergedInto(base, theirs)) {
                return Optional.empty();
            }
            Map<String, DirCacheEntry> ourChanges = changes(repo, base, ours, true);
            Set<String> ourKeys = new HashSet<>();
            for (String path : ourChanges.keySet()) {
                Optional<String> key = serviceKey(path);
                if (key.isEmpty()) {
                    return Optional.empty();
                }
                ourKeys.add(key.get());
            }
            for (String path : changes(repo, base, theirs, false).keySet()) {
                Optional<String> key = serviceKey(path);
                if (key.isEmpty() || ourKeys.contains(key.get())) {
                    return Optional.empty();
                }
            }
            if (sharesATrailer(rw, ours, base, theirs)) {
                return Optional.empty();
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], 0, reader, theirs.getTree());
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, DirCacheEntry> e : ourChanges.entrySet()) {
                DirCacheEntry change = e.getValue();
                if (change == null) {
                    editor.add(new DirCacheEditor.DeletePath(e.getKey()));
                } else {
                    editor.add(new DirCacheEditor.PathEdit(e.getKey()) {
                        @Override
                        public void apply(DirCacheEntry ent) {
                            ent.setFileMode(change.getFileMode());
                            ent.setObjectId(change.getObjectId());
                        }
                    });
                }
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(theirs);
            commit.setAuthor(ours.getAuthorIdent());
            commit.setCommitter(ours.getCommitterIdent());
            commit.setMessage(ours.getFullMessage());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return Optional.of(rw.parseCommit(id));
        }
    }

    /** {@code overrides/<env>/<service>.json} and {@code generated/[prometheus/]<env>/<service>...} name a service. */
    static Optional<String> serviceKey(String path) {
        String[] p = path.split("/");
        if (p.length == 3 && p[0].equals("overrides") && p[2].endsWith(".json")) {
            return Optional.of(p[1] + "/" + p[2].substring(0, p[2].length() - ".json".length()));
        }
        if (p.length == 4 && p[0].equals("generated") && p[1].equals("prometheus") && p[3].endsWith(".rules.yml")) {
            return Optional.of(p[2] + "/" + p[3].substring(0, p[3].length() - ".rules.yml".length()));
        }
        if (p.length >= 4 && p[0].equals("generated") && !p[1].equals("prometheus")) {
            return Optional.of(p[1] + "/" + p[2]);
        }
        return Optional.empty();
    }

    /** Path to its new entry (null: deleted) between two commits; entries only when {@code entries}. */
    private static Map<String, DirCacheEntry> changes(Repository repo, RevCommit from, RevCommit to, boolean entries)
            throws IOException {
        Map<String, DirCacheEntry> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.setRecursive(true);
            tw.addTree(from.getTree());
            tw.addTree(to.getTree());
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                String path = tw.getPathString();
                if (!entries || tw.getFileMode(1) == FileMode.MISSING) {
                    out.put(path, null);
                    continue;
                }
                if (tw.getFileMode(1) != FileMode.REGULAR_FILE) {
                    return Map.of("", new DirCacheEntry("x")); // never rebased: a link or another kind of entry
                }
                DirCacheEntry ent = new DirCacheEntry(path);
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(tw.getObjectId(1));
                out.put(path, ent);
            }
        }
        return out;
    }

    private static boolean sharesATrailer(RevWalk rw, RevCommit ours, RevCommit base, RevCommit theirs)
            throws IOException {
        Set<String> mine = new HashSet<>();
        for (String line : ours.getFullMessage().split("\n")) {
            if (line.startsWith("Prewarm-Idempotency-Key:") || line.startsWith("Prewarm-Signed-Request:")) {
                mine.add(line.strip()); // what makes two actions one (emergency.Trailers); other lines may repeat
            }
        }
        rw.reset();
        rw.markStart(rw.parseCommit(theirs));
        rw.markUninteresting(rw.parseCommit(base));
        for (RevCommit c : rw) {
            for (String line : c.getFullMessage().split("\n")) {
                if (mine.contains(line.strip())) {
                    return true;
                }
            }
        }
        return false;
    }
}
