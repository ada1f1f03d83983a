package io.prewarm.telemetry;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.PublishResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A GitWorkspace in memory: a base branch of files and the commits proposed on top of it. */
final class MemoryWorkspace implements GitWorkspace {
    final Map<String, String> base = new TreeMap<>();
    final List<ChangeSet> proposals = new ArrayList<>();
    boolean failPush;

    @Override
    public Path dir() {
        return Path.of("/nonexistent");
    }

    @Override
    public String baseCommit() {
        return "0000000";
    }

    @Override
    public String baseBranch() {
        return "main";
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(base.get(path));
    }

    @Override
    public PublishResult propose(String branch, ChangeSet changes, CommitMessage message) {
        if (failPush) {
            throw new GitOpsException("pushing branch " + branch + ": connection refused");
        }
        proposals.add(changes);
        return new PublishResult(PublishResult.Status.UPDATED, branch,
                Optional.of(String.format("%040x", proposals.size())), changes.paths());
    }

    @Override
    public String diff(ChangeSet changes) {
        return "diff of " + changes.size() + " files";
    }

    @Override
    public List<String> list(String folder) {
        return base.keySet().stream().filter(p -> p.startsWith(folder)).toList();
    }

    @Override
    public void close() {
    }
}
