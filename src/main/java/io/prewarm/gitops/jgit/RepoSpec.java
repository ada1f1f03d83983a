package io.prewarm.gitops.jgit;

import io.prewarm.gitops.GitOpsException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** How a repository is named on the command line: a local path or a URL; credentials kept out of messages. */
final class RepoSpec {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@]*@");

    private RepoSpec() {
    }

    /** Whether {@code repo} names a folder on this machine (not a URL nor {@code git@host:path}). */
    static boolean isLocal(String repo) {
        return !(URL.matcher(repo).matches() || repo.startsWith("git@"));
    }

    /** The URI JGit clones from: URLs as given, local paths made absolute. */
    static String uri(String repo) {
        if (!isLocal(repo)) {
            return repo;
        }
        return Path.of(repo).toAbsolutePath().normalize().toString();
    }

    /** The repository without user information (tokens in {@code https://user:token@host/...}). */
    static String redact(String repo) {
        if (URL.matcher(repo).matches()) {
            try {
                URI u = new URI(repo);
                if (u.getUserInfo() != null) {
                    return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
                }
            } catch (URISyntaxException e) {
                return USERINFO.matcher(repo).replaceAll("");
            }
        }
        return repo;
    }

    /** A message with any user information of {@code repo} removed. */
    static String redactMessage(String message, String repo) {
        if (message == null) {
            return "unknown error";
        }
        String out = USERINFO.matcher(message).replaceAll("");
        if (URL.matcher(repo).matches()) {
            try {
                String info = new URI(repo).getRawUserInfo();
                if (info != null && !info.isEmpty()) {
                    out = out.replace(info, "***");
                }
            } catch (URISyntaxException e) {
                // the pattern above already removed what looks like credentials
            }
        }
        return out;
    }

    /** Resolves a repository-relative path inside {@code root}, refusing anything that escapes it. */
    static Path safeResolve(Path root, String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || relative.startsWith("/") || relative.contains("\\")
                || p.startsWith(root.resolve(".git"))) {
            throw new GitOpsException("writing " + relative + ": path is outside the repository");
        }
        return p;
    }
}
