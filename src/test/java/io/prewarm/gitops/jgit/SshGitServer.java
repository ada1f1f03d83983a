package io.prewarm.gitops.jgit;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SSH server on loopback (Apache MINA SSHD, the library JGit's SSH transport is built on) that
 * serves one folder of bare repositories the way a Git host does: {@code git-upload-pack '/x.git'} and
 * {@code git-receive-pack '/x.git'} run JGit's pack protocol over the channel. Public-key authentication
 * only, for one key.
 */
final class SshGitServer implements AutoCloseable {
    private static final Pattern GIT_COMMAND = Pattern.compile("(git-upload-pack|git-receive-pack) '?/?([^']+?)'?");

    private final SshServer sshd;
    private final KeyPair hostKey;

    SshGitServer(Path repositories, PublicKey allowed, KeyPair hostKey) throws IOException {
        this.hostKey = hostKey;
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) -> key.equals(allowed));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> {
            Matcher m = GIT_COMMAND.matcher(command.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a git command: " + command);
            }
            Path repo = repositories.resolve(m.group(2)).normalize();
            if (!repo.startsWith(repositories)) {
                throw new IllegalArgumentException("outside the served folder: " + command);
            }
            return new GitCommand(m.group(1).equals("git-receive-pack"), repo);
        });
        sshd.start();
    }

    int port() {
        return sshd.getPort();
    }

    /** A known_hosts line for this server's host key. */
    String knownHostsLine() throws IOException {
        StringBuilder b = new StringBuilder("[127.0.0.1]:").append(port()).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(b, hostKey.getPublic());
        return b.append('\n').toString();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** One {@code git-upload-pack} or {@code git-receive-pack} on its own thread. */
    private static final class GitCommand implements Command {
        private final boolean receive;
        private final Path repo;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(boolean receive, Path repo) {
            this.receive = receive;
            this.repo = repo;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(this::serve, "ssh-git-" + (receive ? "receive" : "upload"));
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            int status = 0;
            String message = null;
            try (Repository r = new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build()) {
                if (receive) {
                    new ReceivePack(r).receive(in, out, err);
                } else {
                    new UploadPack(r).upload(in, out, err);
                }
            } catch (IOException | RuntimeException e) {
                status = 1;
                message = e.getMessage();
                try {
                    err.write(("fatal: " + message + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the client went away; the exit status still says it failed
                }
            }
            exit.onExit(status, message == null ? "" : message);
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the pack protocol ends when the streams close
        }
    }

    static void writeKnownHosts(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("", lines));
    }
}
