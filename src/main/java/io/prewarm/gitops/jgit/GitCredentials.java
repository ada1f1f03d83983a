package io.prewarm.gitops.jgit;

import io.prewarm.gitops.GitOpsConfig;
import io.prewarm.gitops.Secret;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How prewarm authenticates to the GitOps repository: an HTTPS user and token, and/or an SSH private key
 * (with an optional known_hosts file). The token is a {@link Secret}: it prints as {@code ***} and is
 * handed only to JGit's credentials provider, never put into a URL.
 *
 * @param httpsUsername  user name sent with the token (GitLab accepts any, e.g. {@code oauth2})
 * @param httpsToken     password or access token for HTTPS
 * @param sshKeyFile     private key for SSH
 * @param knownHostsFile known_hosts for SSH; without it {@code ~/.ssh/known_hosts} is used
 */
public record GitCredentials(String httpsUsername, Optional<Secret> httpsToken, Optional<Path> sshKeyFile,
                             Optional<Path> knownHostsFile) {
    public GitCredentials {
        Objects.requireNonNull(httpsUsername, "httpsUsername");
        Objects.requireNonNull(httpsToken, "httpsToken");
        Objects.requireNonNull(sshKeyFile, "sshKeyFile");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        sshKeyFile.ifPresent(k -> {
            if (!Files.isReadable(k)) {
                throw new IllegalArgumentException("prewarm.gitops.ssh-key-file: " + k + " is not a readable file");
            }
        });
    }

    /** No credentials: local paths, or whatever the URL itself allows. */
    public static GitCredentials none() {
        return new GitCredentials("oauth2", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * From configuration; the HTTPS token falls back to the GitLab API token so one token serves both.
     *
     * @param gitlabToken {@code prewarm.gitlab.token}, if set
     */
    public static GitCredentials from(GitOpsConfig config, Optional<String> gitlabToken) {
        Optional<Secret> token = config.httpsToken().or(() -> gitlabToken).map(String::strip).filter(t -> !t.isEmpty())
                .map(Secret::of);
        return new GitCredentials(config.httpsUsername(), token, config.sshKeyFile().map(Path::of),
                config.sshKnownHostsFile().map(Path::of));
    }

    /** Configures a clone, fetch, ls-remote or push. */
    <C extends TransportCommand<C, ?>> C apply(C command) {
        httpsToken.ifPresent(t -> command.setCredentialsProvider(provider()));
        if (sshKeyFile.isPresent()) {
            SshdSessionFactory ssh = sshFactory();
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport s) {
                    s.setSshSessionFactory(ssh);
                }
            });
        }
        return command;
    }

    private CredentialsProvider provider() {
        return new UsernamePasswordCredentialsProvider(httpsUsername, httpsToken.orElseThrow().reveal()) {
            @Override
            public String toString() {
                return "GitCredentials[" + httpsUsername + ":***]";
            }
        };
    }

    private SshdSessionFactory sshFactory() {
        File home = new File(System.getProperty("user.home"));
        SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .setDefaultIdentities(dir -> List.of(sshKeyFile.orElseThrow()))
                .setPreferredAuthentications("publickey");
        knownHostsFile.ifPresent(k -> b.setDefaultKnownHostsFiles(dir -> List.of(k)));
        return b.build(null);
    }

    @Override
    public String toString() {
        return "GitCredentials[httpsUsername=" + httpsUsername + ", httpsToken=" + (httpsToken.isPresent() ? "***" : "none")
                + ", sshKeyFile=" + sshKeyFile.map(Path::toString).orElse("none") + "]";
    }
}
