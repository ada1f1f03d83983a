package io.prewarm.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code prewarm init DIR}: a new GitOps repository (no Java in it) whose CI runs the prewarm image of this
 * version. Everything is written to a temporary folder next to DIR and moved into place at the end, so a
 * failure leaves nothing half-written; links are never followed.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Scaffold a GitOps repository: example policies, generated/, overrides/, README.md and a "
                + ".gitlab-ci.yml that runs the prewarm image of this version.")
public class InitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder of the new repository (created; must be empty or absent).")
    Path dir;

    @Option(names = "--force", description = "Write into a non-empty DIR, replacing files of the same names.")
    boolean force;

    @Option(names = "--no-git", negatable = false,
            description = "Do not create a Git repository (default: git init, one commit on main).")
    boolean noGit;

    @Override
    public Integer call() {
        Path target = dir.toAbsolutePath().normalize();
        String version = Scaffold.version();
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(target)) {
            throw new InvalidInputException("scaffolding " + dir + ": it is a symbolic link; prewarm init never follows links");
        }
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("scaffolding " + dir + ": it is a file, not a folder");
        }
        boolean empty = !exists || isEmpty(target);
        if (!empty && !force) {
            throw new InvalidInputException("scaffolding " + dir + ": the folder is not empty; "
                    + "choose an empty or new folder, or pass --force to write into it");
        }
        Map<String, byte[]> files = Scaffold.files(version);
        if (!empty) {
            refuseLinks(target, files);
        }
        boolean git = !noGit && !(exists && Files.exists(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS));
        Path parent = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".prewarm-init-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = temp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            if (git) {
                commit(temp, version);
            }
            if (empty) {
                if (exists) {
                    Files.delete(target);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            } else {
                for (String path : files.keySet()) {
                    Path to = target.resolve(path);
                    Files.createDirectories(to.getParent());
                    Files.move(temp.resolve(path), to, StandardCopyOption.REPLACE_EXISTING);
                }
                if (git) {
                    Files.move(temp.resolve(".git"), target.resolve(".git"));
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("scaffolding " + dir + ": " + e.getFile() + " appeared while writing");
        } catch (IOException e) {
            throw new UncheckedIOException("scaffolding " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
        System.out.println("wrote " + files.size() + " files to " + dir + (git ? ", committed on main" : "")
                + " (prewarm " + version + ")");
        System.out.println("next: set PREWARM_GITLAB_TOKEN, PREWARM_METRICS_URL and PREWARM_REGISTRY in GitLab "
                + "(README.md), push, and schedule a pipeline with PREWARM_SCHEDULE=plan");
        return 0;
    }

    private static boolean isEmpty(Path folder) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("scaffolding " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * With --force, checked before anything is written: no file to replace, nor a folder on its way, may be a
     * link (it would write elsewhere), and no file may be a folder.
     */
    private void refuseLinks(Path target, Map<String, byte[]> files) {
        for (String path : files.keySet()) {
            Path p = target;
            for (Path part : Path.of(path)) {
                p = p.resolve(part);
                if (Files.isSymbolicLink(p)) {
                    throw new InvalidInputException("scaffolding " + dir + ": " + target.relativize(p)
                            + " is a symbolic link; prewarm init never follows links, remove it first");
                }
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("scaffolding " + dir + ": " + path + " is a folder; remove it first");
            }
        }
    }

    private static void commit(Path repo, String version) throws IOException {
        try (Git g = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            g.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("prewarm init", "prewarm@localhost");
            g.commit().setMessage("prewarm init " + version + ": policies, CI and folders of a GitOps repository")
                    .setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("creating the Git repository: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null || !Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(temp)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden temporary folder is reported by nothing else; the command's own error wins
        }
    }
}
