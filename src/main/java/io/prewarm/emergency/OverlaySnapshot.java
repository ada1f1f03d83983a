package io.prewarm.emergency;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.GitWorkspace;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The base branch's head with the changes of the actions prepared before in the same group commit on top, so
 * that a second action on the same service sees the first one's override and Terraform.
 */
final class OverlaySnapshot implements GitWorkspace.BaseSnapshot {
    private final GitWorkspace.BaseSnapshot base;
    private ChangeSet changes = ChangeSet.empty();

    OverlaySnapshot(GitWorkspace.BaseSnapshot base) {
        this.base = base;
    }

    /** Lays {@code more} over what is there. */
    void apply(ChangeSet more) {
        changes = changes.plus(more);
    }

    /** Every change laid over the head so far. */
    ChangeSet changes() {
        return changes;
    }

    @Override
    public String commit() {
        return base.commit();
    }

    @Override
    public Optional<String> read(String path) {
        Optional<ChangeSet.Change> change = changes.get(path);
        return change.isPresent() ? change.get().newContent() : base.read(path);
    }

    @Override
    public List<String> list(String folder) {
        TreeSet<String> out = new TreeSet<>(base.list(folder));
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        for (ChangeSet.Change c : changes.entries()) {
            if (c.path().startsWith(prefix)) {
                if (c instanceof ChangeSet.Write) {
                    out.add(c.path());
                } else {
                    out.remove(c.path());
                }
            }
        }
        return List.copyOf(out);
    }
}
