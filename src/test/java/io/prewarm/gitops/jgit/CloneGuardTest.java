package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.RepositoryNotFoundException;
import io.prewarm.gitops.UnsafePathException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Symbolic links committed to the GitOps repository never take a write (or read) outside the clone. */
class CloneGuardTest {
    static final PersonIdent BOT = new PersonIdent("prewarm", "prewarm@localhost");
    static final CommitMessage MSG = new CommitMessage("prewarm: plan", "- prod/web: UPDATED");

    @TempDir
    Path tmp;
    Path remote;
    Path outside;

    @BeforeEach
    void repositoryAndAFolderOutsideIt() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    }

    /** Commits README.md and a symbolic link {@code link -> target} to main, with real JGit symlink entries. */
    private void seedWithLink(String link, Path target) throws Exception {
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            Path l = seed.resolve(link);
            Files.createDirectories(l.getParent());
            Files.createSymbolicLink(l, target);
            g.add().addFilepattern(".").call();
            g.commit().setMessage("link").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        try (Git g = Git.open(remote.toFile());
             TreeWalk tw = TreeWalk.forPath(g.getRepository(), link, g.getRepository().parseCommit(
                     g.getRepository().resolve("refs/heads/main")).getTree())) {
            assertThat(tw.getFileMode(0)).as("committed as a link").isEqualTo(FileMode.SYMLINK);
        }
    }

    private Ref ref(String name) throws Exception {
        try (Git g = Git.open(remote.toFile())) {
            return g.getRepository().exactRef("refs/heads/" + name);
        }
    }

    private long filesOutside() throws Exception {
        try (Stream<Path> s = Files.walk(outside)) {
            return s.filter(p -> !p.equals(outside)).count();
        }
    }

    @Test
    void aSymlinkedGeneratedFolderIsRefusedAndNothingIsWrittenOrCommitted() throws Exception {
        seedWithLink("generated", outside);
        String main = ref("main").getObjectId().name();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            ChangeSet changes = ChangeSet.writing(Map.of("README.md", "changed\n", "generated/prod/web/main.tf", "# web\n"));
            assertThatThrownBy(() -> ws.propose("prewarm/plan-2026-11-28", changes, MSG))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessage("writing to " + remote + ": generated is a symbolic link (to " + outside + ") committed "
                            + "in the repository; prewarm refuses links under generated/, overrides/, policies/, "
                            + "replace it with a real folder or file");
            assertThatThrownBy(() -> ws.diff(changes)).isInstanceOf(UnsafePathException.class);
            assertThat(Files.readString(ws.dir().resolve("README.md"))).as("not half-applied").isEqualTo("gitops\n");
        }
        assertThat(filesOutside()).isZero();
        assertThat(ref("prewarm/plan-2026-11-28")).isNull();
        assertThat(ref("main").getObjectId().name()).isEqualTo(main);
    }

    @Test
    void aSymlinkedFileUnderGeneratedIsRefusedAndItsTargetKeepsItsContent() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.tf"), "# theirs\n");
        seedWithLink("generated/prod/web/main.tf", secret);
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThatThrownBy(() -> ws.propose("b", ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# web\n")), MSG))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("generated/prod/web/main.tf is a symbolic link (to " + secret + ")");
            assertThatThrownBy(() -> ws.read("generated/prod/web/main.tf")).isInstanceOf(UnsafePathException.class)
                    .hasMessageStartingWith("reading generated/prod/web/main.tf: generated/prod/web/main.tf is a "
                            + "symbolic link");
        }
        assertThat(Files.readString(secret)).isEqualTo("# theirs\n");
        assertThat(filesOutside()).isEqualTo(1);
    }

    @Test
    void theOverrideStoresCommitToBaseRefusesASymlinkedOverridesFolder() throws Exception {
        seedWithLink("overrides/prod", outside);
        String main = ref("main").getObjectId().name();
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            GitWorkspace.BaseSnapshot snap = ws.fetchBase();
            assertThatThrownBy(() -> snap.read("overrides/prod/web.json")).isInstanceOf(UnsafePathException.class)
                    .hasMessageStartingWith("reading overrides/prod/web.json: overrides/prod is a symbolic link (to "
                            + outside + ")");
            assertThatThrownBy(() -> ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(
                    ChangeSet.writing(Map.of("overrides/prod/web.json", "{}\n")), new CommitMessage("freeze web", "Prewarm-Action-Id: x"))), 3))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining("overrides/prod is a symbolic link (to " + outside + ")");
        }
        assertThat(filesOutside()).isZero();
        assertThat(ref("main").getObjectId().name()).isEqualTo(main);
    }

    @Test
    void aLinkElsewhereOnTheWayToAWrittenFileIsRefusedOnDisk() throws Exception {
        seedWithLink("docs", outside); // not a guarded folder, but a write through it would still leave the clone
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThatThrownBy(() -> ws.propose("b", ChangeSet.writing(Map.of("docs/notes.md", "x\n")), MSG))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessage("writing docs/notes.md: docs is a symbolic link (to " + outside + ") in the repository; "
                            + "prewarm writes only real folders and files inside its clone, replace it");
        }
        assertThat(filesOutside()).isZero();
    }

    @Test
    void aMissingLocalRepositoryIsNamedNotAnInvalidRemote() throws Exception {
        Path missing = tmp.resolve("nonexistent");
        assertThatThrownBy(() -> JGitWorkspace.open(missing.toString(), "main", BOT))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessage("cloning repository " + missing + ": no such directory or not a Git repository");
        Path plain = Files.createDirectories(tmp.resolve("plain-folder"));
        assertThatThrownBy(() -> JGitWorkspace.open(plain.toString(), "main", BOT))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessage("cloning repository " + plain + ": no such directory or not a Git repository");
    }

    @Test
    void realFoldersAreWrittenAsBefore() throws Exception {
        seedWithLink("unrelated-link", outside);
        try (JGitWorkspace ws = JGitWorkspace.open(remote.toString(), "main", BOT)) {
            assertThat(ws.propose("b", ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# web\n")), MSG).status().name())
                    .isEqualTo("UPDATED");
        }
        try (Git g = Git.open(remote.toFile())) {
            RevCommit c = g.getRepository().parseCommit(ref("b").getObjectId());
            assertThat(TreeWalk.forPath(g.getRepository(), "generated/prod/web/main.tf", c.getTree())).isNotNull();
        }
    }
}
