package io.prewarm.emergency;

import io.prewarm.gitops.GitWorkspace;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The base branch's head with the changes of the actions prepared before in the same group commit on top, so
 * that a second action on the same service sees the first one's override and Terraform.
 */
final class OverlaySnapshot implements GitWorkspace.BaseSnapshot {
    private final GitWorkspace.BaseSnapshot base;
    private final Map<String, String> changes = new TreeMap<>();

    OverlaySnapshot(GitWorkspace.BaseSnapshot base) {
        this.base = base;
    }

    /** Lays {@code more} (path to content; null deletes) over what is there. */
    void apply(Map<String, String> more) {
        changes.putAll(more);
    }

    /** Every change laid over the head so far (null content: delete). */
    Map<String, String> changes() {
        return java.util.Collections.unmodifiableMap(changes);
    }

    @Override
    public String commit() {
        return base.commit();
    }

    @Override
    public Optional<String> read(String path) {
        return changes.containsKey(path) ? Optional.ofNullable(changes.get(path)) : base.read(path);
    }

    @Override
    public List<String> list(String folder) {
        TreeSet<String> out = new TreeSet<>(base.list(folder));
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        changes.forEach((path, content) -> {
            if (path.startsWith(prefix)) {
                if (content == null) {
                    out.remove(path);
                } else {
                    out.add(path);
                }
            }
        });
        return List.copyOf(out);
    }
}
