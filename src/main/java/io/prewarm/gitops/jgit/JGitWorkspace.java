package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.PublishResult;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@link GitWorkspace} on JGit: a temporary clone, one commit per proposal, a leased force-push. A push
 * rejected because someone moved the branch first is fetched, compared and leased again, a bounded number of
 * times; the pushed commit is always complete (one object graph, one ref update), never half-written.
 */
public final class JGitWorkspace implements GitWorkspace {
    /** Pushes tried when the branch keeps moving under us. */
    public static final int DEFAULT_PUSH_ATTEMPTS = 3;
    /** The temporary file a change is written to beside its target, then moved over it. */
    private static final String TMP_SUFFIX = ".prewarm-tmp";

    private final Git git;
    private final Path dir;
    private final String baseBranch;
    private final String baseCommit;
    private final String describe;
    private final PersonIdent author;
    private final GitCredentials credentials;
    private final int pushAttempts;
    /** Runs before each push attempt (tests race another writer here). */
    volatile java.util.function.IntConsumer beforePush = attempt -> { };
    /** Told of every push that is repeated after a rejection (telemetry counts them). */
    private volatile Runnable onPushRetry = () -> { };
    private final PushTurns turns = new PushTurns(java.time.Clock.systemUTC());

    private JGitWorkspace(Git git, Path dir, String baseBranch, String baseCommit, String describe, PersonIdent author,
                          GitCredentials credentials, int pushAttempts) {
        this.git = git;
        this.dir = dir;
        this.baseBranch = baseBranch;
        this.baseCommit = baseCommit;
        this.describe = describe;
        this.author = author;
        this.credentials = credentials;
        this.pushAttempts = pushAttempts;
    }

    /**
     * Calls {@code listener} whenever a rejected push is fetched, re-applied and tried again, on a proposal
     * branch or on the base branch (telemetry: {@code prewarm_git_push_retries_total}). Returns this workspace.
     */
    public JGitWorkspace onPushRetry(Runnable listener) {
        this.onPushRetry = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    private void pushRetried() {
        try {
            onPushRetry.run();
        } catch (RuntimeException e) {
            io.quarkus.logging.Log.warnf("push retry listener failed: %s", e.getMessage()); // counting never blocks a push
        }
    }

    /**
     * Clones {@code repo} (a local path or a URL) at {@code baseBranch} into a temporary folder.
     *
     * @param repo       path or URL of the GitOps repository
     * @param baseBranch the branch changes are proposed against
     * @param author     author and committer of prewarm's commits
     */
    public static JGitWorkspace open(String repo, String baseBranch, PersonIdent author) {
        return open(repo, baseBranch, author, GitCredentials.none(), DEFAULT_PUSH_ATTEMPTS);
    }

    /**
     * Clones {@code repo} with credentials.
     *
     * @param credentials  HTTPS token and/or SSH key
     * @param pushAttempts pushes tried when someone else moves the proposal branch first (at least 1)
     */
    public static JGitWorkspace open(String repo, String baseBranch, PersonIdent author, GitCredentials credentials,
                                     int pushAttempts) {
        if (pushAttempts < 1 || pushAttempts > 10) {
            throw new IllegalArgumentException("prewarm.gitops.push-attempts must be 1..10, got " + pushAttempts);
        }
        String safe = RepoSpec.redact(repo);
        if (RepoSpec.isLocal(repo) && !Files.isDirectory(Path.of(RepoSpec.uri(repo)))) {
            throw notFound(safe, null);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("prewarm-repo-");
        } catch (IOException e) {
            throw new GitOpsException("cloning " + safe + ": cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Git git = credentials.apply(Git.cloneRepository().setURI(RepoSpec.uri(repo)).setDirectory(tmp.toFile())
                    .setBranch(Constants.R_HEADS + baseBranch).setCloneAllBranches(false)
                    .setBranchesToClone(List.of(Constants.R_HEADS + baseBranch))).call();
            // a short-lived clone needs no housekeeping, and a background gc would race its deletion
            git.getRepository().getConfig().setInt("gc", null, "auto", 0);
            git.getRepository().getConfig().setInt("gc", null, "autoPackLimit", 0);
            Ref head = git.getRepository().exactRef(Constants.R_REMOTES + "origin/" + baseBranch);
            if (head == null) {
                git.close();
                throw new GitOpsException("cloning " + safe + ": branch " + baseBranch + " not found");
            }
            git.checkout().setName(baseBranch).call();
            return new JGitWorkspace(git, tmp, baseBranch, head.getObjectId().name(), safe, author, credentials,
                    pushAttempts);
        } catch (org.eclipse.jgit.api.errors.InvalidRemoteException e) {
            deleteTree(tmp);
            if (RepoSpec.isLocal(repo)) {
                throw notFound(safe, e); // JGit says "Invalid remote: origin"
            }
            throw new GitOpsException("cloning " + safe + ": " + RepoSpec.redactMessage(e.getMessage(), repo), e);
        } catch (GitAPIException | IOException e) {
            deleteTree(tmp);
            String msg = RepoSpec.redactMessage(e.getMessage(), repo);
            if (msg != null && msg.contains("does not have " + Constants.R_HEADS + baseBranch)) {
                msg = "the repository has no branch " + baseBranch + " yet; push a first commit to it (prewarm "
                        + "proposes every change against " + baseBranch + ", or pass --base-branch)";
            }
            throw new GitOpsException("cloning " + safe + ": " + msg, e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static io.prewarm.gitops.RepositoryNotFoundException notFound(String repo, Exception cause) {
        return new io.prewarm.gitops.RepositoryNotFoundException("cloning repository " + repo
                + ": no such directory or not a Git repository", cause);
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String baseBranch() {
        return baseBranch;
    }

    @Override
    public String baseCommit() {
        return baseCommit;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public Optional<String> read(String path) {
        try {
            return CloneGuard.read(git.getRepository(), ObjectId.fromString(baseCommit), path);
        } catch (IOException e) {
            throw new GitOpsException("reading " + path + " from " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PublishResult propose(String branch, ChangeSet changes, CommitMessage message) {
        String ref = Constants.R_HEADS + branch;
        try {
            git.checkout().setName(baseBranch).setForced(true).call();
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(baseCommit).call();
            List<String> changed = apply(ObjectId.fromString(baseCommit), changes);
            if (changed.isEmpty()) {
                return new PublishResult(PublishResult.Status.NO_CHANGE, branch, Optional.empty(), List.of());
            }
            RevCommit commit = git.commit().setMessage(message.full()).setAuthor(author).setCommitter(author)
                    .setSign(false).setAllowEmpty(false).call();
            for (int attempt = 1; ; attempt++) {
                Optional<ObjectId> remote = fetchBranch(ref);
                if (remote.isPresent() && holdsSameChange(remote.get(), commit)) {
                    return new PublishResult(PublishResult.Status.NO_CHANGE, branch, Optional.of(remote.get().name()),
                            changed);
                }
                beforePush.accept(attempt);
                Optional<String> rejected = push(branch, commit, remote.orElse(ObjectId.zeroId()));
                if (rejected.isEmpty()) {
                    return new PublishResult(PublishResult.Status.UPDATED, branch, Optional.of(commit.name()), changed);
                }
                if (attempt >= pushAttempts) {
                    throw new GitOpsException("pushing branch " + branch + " to " + describe + ": " + rejected.get()
                            + " after " + attempt + " attempts");
                }
                io.quarkus.logging.Log.infof("push rejected, fetching and retrying branch=%s attempt=%d cause=%s",
                        branch, attempt, rejected.get());
                pushRetried();
            }
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("proposing branch " + branch + " to " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
    }

    @Override
    public String diff(ChangeSet changes) {
        try {
            git.checkout().setName(baseBranch).setForced(true).call();
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(baseCommit).call();
            apply(ObjectId.fromString(baseCommit), changes);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            git.diff().setCached(true).setOutputStream(out).call();
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(baseCommit).call();
            return out.toString(StandardCharsets.UTF_8);
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("computing the diff against " + baseBranch + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<String> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tw = new TreeWalk(git.getRepository())) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(baseCommit)).getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(prefix.substring(0, prefix.length() - 1)));
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        } catch (IOException e) {
            throw new GitOpsException("listing " + folder + " in " + describe + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /**
     * Writes {@code changes} into the working tree of {@code checkedOut} and stages them. Every path is checked
     * first (CloneGuard): a symbolic link in the tree or on disk refuses the whole change before anything is written.
     */
    private List<String> apply(ObjectId checkedOut, ChangeSet changes) throws IOException, GitAPIException {
        CloneGuard.checkTree(git.getRepository(), checkedOut, describe);
        Map<String, Path> targets = new TreeMap<>();
        for (String path : changes.paths()) {
            targets.put(path, CloneGuard.resolve(dir, path, TMP_SUFFIX));
        }
        List<String> changed = new ArrayList<>();
        // one rm and one add for all paths: each command rewrites the whole index, so one per file is
        // quadratic in the fleet (25,000 files took minutes)
        org.eclipse.jgit.api.RmCommand rm = git.rm();
        org.eclipse.jgit.api.AddCommand add = git.add();
        boolean removes = false;
        boolean adds = false;
        for (ChangeSet.Change e : changes.entries()) {
            Path target = targets.get(e.path());
            Optional<String> before = Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(Files.readString(target, StandardCharsets.UTF_8)) : Optional.empty();
            if (!(e instanceof ChangeSet.Write w)) {
                if (before.isPresent()) {
                    rm.addFilepattern(e.path());
                    removes = true;
                    changed.add(e.path());
                }
                continue;
            }
            if (before.isPresent() && before.get().equals(w.content())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + TMP_SUFFIX);
            Files.deleteIfExists(tmp); // a leftover (never a link: checked above); CREATE_NEW never follows one
            Files.writeString(tmp, w.content(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            add.addFilepattern(e.path());
            adds = true;
            changed.add(e.path());
        }
        if (removes) {
            rm.call();
        }
        if (adds) {
            add.call();
        }
        return changed;
    }

    /** The proposal branch as the remote has it now, fetched so its commit can be inspected. */
    private Optional<ObjectId> fetchBranch(String ref) throws GitAPIException {
        Collection<Ref> refs = credentials.apply(git.lsRemote().setHeads(true)).call();
        Optional<ObjectId> id = refs.stream().filter(r -> r.getName().equals(ref)).map(Ref::getObjectId).findFirst();
        if (id.isPresent()) {
            String tracking = Constants.R_REMOTES + "origin/" + ref.substring(Constants.R_HEADS.length());
            credentials.apply(git.fetch().setRemote("origin")
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+" + ref + ":" + tracking))).call();
        }
        return id;
    }

    @Override
    public Optional<Proposal> fetchProposal(String branch) {
        String ref = Constants.R_HEADS + branch;
        try {
            Optional<ObjectId> id = fetchBranch(ref);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            org.eclipse.jgit.lib.Repository repo = git.getRepository();
            try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
                RevCommit head = walk.parseCommit(id.get());
                CloneGuard.checkTree(repo, head, describe);
                List<String> parents = new ArrayList<>();
                for (RevCommit p : head.getParents()) {
                    parents.add(p.name());
                }
                ChangeSet.Builder changes = ChangeSet.builder();
                if (head.getParentCount() == 1) {
                    tw.addTree(walk.parseCommit(head.getParent(0)).getTree());
                    tw.addTree(head.getTree());
                    tw.setRecursive(true);
                    tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
                    while (tw.next()) {
                        String path = tw.getPathString();
                        org.eclipse.jgit.lib.FileMode mode = tw.getFileMode(1);
                        if (mode == org.eclipse.jgit.lib.FileMode.MISSING) {
                            changes.delete(path);
                        } else if (mode == org.eclipse.jgit.lib.FileMode.REGULAR_FILE) {
                            changes.write(path, new String(repo.open(tw.getObjectId(1)).getBytes(), StandardCharsets.UTF_8));
                        } else {
                            throw new io.prewarm.gitops.UnsafePathException("reading branch " + branch + ": " + path
                                    + " is not a regular file (mode " + mode + "); prewarm proposes only regular files");
                        }
                    }
                }
                return Optional.of(new Proposal(branch, head.name(), parents, head.getFullMessage(), changes.build()));
            }
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("fetching branch " + branch + " from " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
    }

    @Override
    public Optional<List<String>> changedOnBaseSince(String commit) {
        org.eclipse.jgit.lib.Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit from = walk.parseCommit(ObjectId.fromString(commit));
            RevCommit base = walk.parseCommit(ObjectId.fromString(baseCommit));
            if (!walk.isMergedInto(from, base)) {
                return Optional.empty();
            }
            tw.addTree(from.getTree());
            tw.addTree(base.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            List<String> out = new ArrayList<>();
            while (tw.next()) {
                out.add(tw.getPathString());
            }
            return Optional.of(out);
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return Optional.empty(); // never fetched: not on the base branch as this clone knows it
        } catch (IOException e) {
            throw new GitOpsException("comparing " + commit + " with " + baseBranch + " in " + describe + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code remote} is one commit on our base with exactly our tree: the change is already proposed. */
    private boolean holdsSameChange(ObjectId remote, RevCommit ours) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit existing = walk.parseCommit(remote);
            return existing.getParentCount() == 1 && existing.getParent(0).name().equals(baseCommit)
                    && existing.getTree().getId().equals(ours.getTree().getId());
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return false; // moved again between ls-remote and fetch: not ours either way
        }
    }

    /** Pushes with a lease on {@code expectedOld}; the rejection, when the remote refused the update. */
    private Optional<String> push(String branch, RevCommit commit, ObjectId expectedOld) throws GitAPIException {
        String ref = Constants.R_HEADS + branch;
        Iterable<PushResult> results;
        try {
            results = credentials.apply(git.push().setRemote("origin")
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+" + commit.name() + ":" + ref))
                    .setRefLeaseSpecs(new RefLeaseSpec(ref, expectedOld.equals(ObjectId.zeroId())
                            ? ObjectId.zeroId().name() : expectedOld.name())))
                    .call();
        } catch (TransportException e) {
            throw new GitOpsException("pushing branch " + branch + " to " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
        for (PushResult r : results) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    return Optional.of(u.getStatus().name().toLowerCase().replace('_', '-')
                            + (u.getMessage() == null ? "" : " (" + RepoSpec.redactMessage(u.getMessage(), describe) + ")"));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        git.close();
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        // JGit may still be writing a lock file (auto gc, pack refs) as we walk: walk again until it is gone
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file vanished under the walk; the next attempt sees the new state
            }
        }
    }

    // Straight to the base branch, for serve's long-lived clone: fetch, reset, apply, commit, leased push, retry.

    @Override
    public BaseSnapshot fetchBase() {
        try {
            return snapshot(fetchAndReset());
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("fetching " + baseBranch + " from " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
    }

    @Override
    public PublishResult commitToBase(java.util.function.Function<BaseSnapshot, Optional<BaseChange>> change,
                                      int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        String ref = Constants.R_HEADS + baseBranch;
        try {
            RevCommit lost = null; // the commit whose push another writer beat
            List<String> lostChanged = List.of();
            boolean yielded = false;
            boolean waiting = false;
            try {
                for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                    if (attempt == 2 || (waiting && attempt % 3 == 0)) {
                        turns.markWaiting(git, author, credentials); // rejected: ask the others for a turn
                        waiting = true;
                    }
                    if (lost != null) {
                        // cheap retry first: the same change on the new head, if it touches other services
                        ObjectId newHead = fetchHead();
                        CloneGuard.checkTree(git.getRepository(), newHead, describe);
                        Optional<RevCommit> moved = BaseRebase.onto(git.getRepository(), lost, newHead);
                        io.quarkus.logging.Log.debugf("push rejected, %s branch=%s attempt=%d", moved.isPresent()
                                ? "moving the commit onto the new head" : "applying the change again", baseBranch, attempt);
                        if (moved.isPresent()) {
                            yielded = yieldOnce(yielded);
                            RemoteRefUpdate.Status status = pushFastForward(ref, moved.get(), newHead);
                            if (status == RemoteRefUpdate.Status.OK) {
                                return new PublishResult(PublishResult.Status.UPDATED, baseBranch,
                                        Optional.of(moved.get().name()), lostChanged);
                            }
                            rejectedOrThrow(status);
                            lost = moved.get();
                            if (attempt < maxAttempts) {
                                pushRetried();
                                backOff(attempt);
                            }
                            continue;
                        }
                    }
                    ObjectId head = fetchAndReset();
                    Optional<BaseChange> wanted = change.apply(snapshot(head));
                    List<String> changed = wanted.isEmpty() ? List.of() : apply(head, wanted.get().changes());
                    if (changed.isEmpty()) {
                        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(head.name()).call();
                        return new PublishResult(PublishResult.Status.NO_CHANGE, baseBranch, Optional.of(head.name()), List.of());
                    }
                    RevCommit commit = git.commit().setMessage(wanted.get().message().full()).setAuthor(author)
                            .setCommitter(author).setSign(false).setAllowEmpty(false).call();
                    yielded = yieldOnce(yielded);
                    RemoteRefUpdate.Status status = pushFastForward(ref, commit, head);
                    if (status == RemoteRefUpdate.Status.OK) {
                        return new PublishResult(PublishResult.Status.UPDATED, baseBranch, Optional.of(commit.name()), changed);
                    }
                    rejectedOrThrow(status);
                    lost = commit;
                    lostChanged = changed;
                    if (attempt < maxAttempts) {
                        pushRetried();
                        backOff(attempt);
                    }
                }
                throw new io.prewarm.gitops.PushRejectedException("pushing " + baseBranch + " to " + describe + ": rejected "
                        + maxAttempts + " times, someone else keeps writing first");
            } finally {
                if (waiting) {
                    turns.done(git, credentials);
                }
            }
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("committing to " + baseBranch + " of " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
    }

    @Override
    public List<Map.Entry<String, String>> baseLog(int max) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try {
            Ref head = git.getRepository().exactRef(Constants.R_REMOTES + "origin/" + baseBranch);
            if (head == null) {
                return out;
            }
            for (RevCommit c : git.log().add(head.getObjectId()).setMaxCount(max).call()) {
                out.add(Map.entry(c.name(), c.getFullMessage()));
            }
            return out;
        } catch (GitAPIException | IOException e) {
            throw new GitOpsException("reading the log of " + baseBranch + " in " + describe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Map.Entry<String, String>> baseLogSince(Optional<String> since, int max) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try {
            Ref head = git.getRepository().exactRef(Constants.R_REMOTES + "origin/" + baseBranch);
            if (head == null) {
                return out;
            }
            org.eclipse.jgit.api.LogCommand log = git.log().add(head.getObjectId()).setMaxCount(max);
            if (since.isPresent()) {
                ObjectId stop = ObjectId.fromString(since.get());
                if (git.getRepository().getObjectDatabase().has(stop)) {
                    log.not(stop);
                }
            }
            for (RevCommit c : log.call()) {
                out.add(Map.entry(c.name(), c.getFullMessage()));
            }
            return out;
        } catch (GitAPIException | IOException | IllegalArgumentException e) {
            throw new GitOpsException("reading the log of " + baseBranch + " in " + describe + ": " + e.getMessage(), e);
        }
    }

    private ObjectId fetchAndReset() throws GitAPIException, IOException {
        ObjectId head = fetchHead();
        git.checkout().setName(baseBranch).setForced(true).call();
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(head.name()).call();
        return head;
    }

    /** Another writer waits for its turn (PushTurns): let it push first, once per write. */
    private boolean yieldOnce(boolean yielded) {
        if (!yielded && turns.othersWaiting(git)) {
            PushTurns.pause(PushTurns.YIELD_MS);
            return true;
        }
        return yielded;
    }

    /** Fetches the base branch into its remote-tracking ref (and the writers' turn markers), not the work tree. */
    private ObjectId fetchHead() throws GitAPIException, IOException {
        String tracking = Constants.R_REMOTES + "origin/" + baseBranch;
        credentials.apply(git.fetch().setRemote("origin").setRemoveDeletedRefs(true).setRefSpecs(
                new org.eclipse.jgit.transport.RefSpec("+" + Constants.R_HEADS + baseBranch + ":" + tracking),
                PushTurns.fetchSpec())).call();
        Ref head = git.getRepository().exactRef(tracking);
        if (head == null) {
            throw new GitOpsException("fetching " + baseBranch + " from " + describe + ": branch not found");
        }
        return head.getObjectId();
    }

    /** A push another writer beat (retry); anything else is a failure. */
    private void rejectedOrThrow(RemoteRefUpdate.Status status) {
        if (status != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                && status != RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
            throw new GitOpsException("pushing " + baseBranch + " to " + describe + ": "
                    + status.name().toLowerCase().replace('_', '-'));
        }
    }

    /**
     * A short random pause after a rejected push, longer with each attempt, so that two writers racing for the
     * same branch (replicas of serve) stop colliding in lockstep.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2L + 3L * Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RemoteRefUpdate.Status pushFastForward(String ref, RevCommit commit, ObjectId expected) throws GitAPIException {
        Iterable<PushResult> results;
        try {
            results = credentials.apply(git.push().setRemote("origin")
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec(commit.name() + ":" + ref))
                    .setRefLeaseSpecs(new RefLeaseSpec(ref, expected.name()))).call();
        } catch (TransportException e) {
            throw new GitOpsException("pushing " + baseBranch + " to " + describe + ": "
                    + RepoSpec.redactMessage(e.getMessage(), describe), e);
        }
        for (PushResult r : results) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                if (u.getStatus() == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && u.getMessage() != null
                        && u.getMessage().toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                    // another writer holds the ref's lock right now (JGit: "failed to lock", git: "cannot lock
                    // ref"): it is writing first, like a lease that no longer holds
                    return RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED;
                }
                if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    if (u.getStatus() == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && u.getMessage() != null) {
                        throw new GitOpsException("pushing " + baseBranch + " to " + describe + ": rejected-other-reason: "
                                + RepoSpec.redactMessage(u.getMessage(), describe));
                    }
                    return u.getStatus();
                }
            }
        }
        return RemoteRefUpdate.Status.OK;
    }

    private BaseSnapshot snapshot(ObjectId commitId) {
        String id = commitId.name();
        return new BaseSnapshot() {
            @Override
            public String commit() {
                return id;
            }

            @Override
            public Optional<String> read(String path) {
                try {
                    return CloneGuard.read(git.getRepository(), commitId, path);
                } catch (IOException e) {
                    throw new GitOpsException("reading " + path + " from " + describe + ": " + e.getMessage(), e);
                }
            }

            @Override
            public List<String> list(String folder) {
                String prefix = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
                List<String> out = new ArrayList<>();
                try (RevWalk walk = new RevWalk(git.getRepository());
                     TreeWalk tw = new TreeWalk(git.getRepository())) {
                    tw.addTree(walk.parseCommit(commitId).getTree());
                    tw.setRecursive(true);
                    tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(prefix));
                    while (tw.next()) {
                        out.add(tw.getPathString());
                    }
                } catch (IOException e) {
                    throw new GitOpsException("listing " + folder + " in " + describe + ": " + e.getMessage(), e);
                }
                out.sort(null);
                return out;
            }
        };
    }
}
