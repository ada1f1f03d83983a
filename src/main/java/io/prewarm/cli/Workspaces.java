package io.prewarm.cli;

import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.gitlab.GitLabConfig;
import io.prewarm.gitops.jgit.GitCredentials;
import io.prewarm.gitops.jgit.JGitWorkspace;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;

/** The GitOps repository of {@code --repo} and {@code --base-branch} ({@code plan}, {@code merge-shards}, {@code serve}). */
final class Workspaces {
    private Workspaces() {
    }

    /** {@code --repo}, or without it the repository the command runs in. */
    static String target(String repo) {
        if (repo != null) {
            return repo;
        }
        File cwd = new File("").getAbsoluteFile();
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(cwd);
        if (b.getGitDir() == null) {
            throw new InvalidInputException("--repo: not given, and " + cwd + " is not inside a Git repository");
        }
        File dir = b.getGitDir();
        return (dir.getName().equals(".git") ? dir.getParentFile() : dir).getAbsolutePath();
    }

    /** A clone of {@code target} at {@code baseBranch}, committing as the configured author with its credentials. */
    static JGitWorkspace open(String target, String baseBranch, GitConfig git, GitOpsConfig gitops,
                              GitLabConfig gitlab) {
        return JGitWorkspace.open(target, baseBranch, new PersonIdent(git.authorName(), git.authorEmail()),
                GitCredentials.from(gitops, gitlab.token()), gitops.pushAttempts());
    }
}
