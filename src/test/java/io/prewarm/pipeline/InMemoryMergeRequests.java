package io.prewarm.pipeline;

import io.prewarm.gitops.MergeRequest;
import io.prewarm.gitops.MergeRequestConflictException;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.MergeRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A forge that keeps merge requests in memory and counts the calls that would write. */
final class InMemoryMergeRequests implements MergeRequests {
    final Map<Long, MergeRequest> open = new TreeMap<>();
    final Map<Long, String> closedWithNote = new TreeMap<>();
    final List<String> writes = new ArrayList<>();
    private long next = 1;
    /** When set, {@link #create} fails with it (GitLab down, a revoked token). */
    volatile RuntimeException failCreate;

    @Override
    public synchronized Optional<MergeRequest> findOpen(String sourceBranch, String targetBranch) {
        return open.values().stream().filter(m -> m.sourceBranch().equals(sourceBranch)
                && m.targetBranch().equals(targetBranch)).findFirst();
    }

    @Override
    public synchronized List<MergeRequest> listOpen(String targetBranch, String sourcePrefix) {
        return open.values().stream().filter(m -> m.targetBranch().equals(targetBranch)
                && m.sourceBranch().startsWith(sourcePrefix)).toList();
    }

    @Override
    public synchronized MergeRequest create(MergeRequestDraft d) {
        writes.add("create " + d.sourceBranch());
        if (failCreate != null) {
            throw failCreate;
        }
        if (findOpen(d.sourceBranch(), d.targetBranch()).isPresent()) {
            throw new MergeRequestConflictException("opening merge request for " + d.sourceBranch() + ": 409");
        }
        MergeRequest mr = new MergeRequest(next++, d.sourceBranch(), d.targetBranch(), d.title(), d.description(),
                d.labels(), "https://gitlab.example.com/mr/" + (next - 1));
        open.put(mr.iid(), mr);
        return mr;
    }

    @Override
    public synchronized MergeRequest update(long iid, MergeRequestDraft d) {
        writes.add("update !" + iid);
        MergeRequest old = open.get(iid);
        MergeRequest mr = new MergeRequest(iid, old.sourceBranch(), old.targetBranch(), d.title(), d.description(),
                d.labels(), old.webUrl());
        open.put(iid, mr);
        return mr;
    }

    @Override
    public synchronized void close(long iid, String note) {
        writes.add("close !" + iid);
        open.remove(iid);
        closedWithNote.put(iid, note);
    }
}
