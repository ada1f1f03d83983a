package io.prewarm.gitops.jgit;

import io.prewarm.gitops.ChangeSet;
import io.prewarm.gitops.CommitMessage;
import io.prewarm.gitops.GitOpsException;
import io.prewarm.gitops.GitWorkspace;
import io.prewarm.gitops.PublishResult;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSH transport against a real SSH server on loopback: public-key authentication with the configured
 * key, the host checked against the configured known_hosts, both the proposal path ({@code plan}) and the
 * base-branch path ({@code serve}), and clear errors for an unknown key or an unknown host.
 */
class SshTransportTest {
    static final CommitMessage MSG = new CommitMessage("prewarm: plan over ssh", "");

    @TempDir
    Path tmp;
    Path served;
    KeyPair client;
    KeyPair host;
    SshGitServer server;
    Path keyFile;
    Path knownHosts;

    @BeforeEach
    void serverWithOneRepository() throws Exception {
        served = tmp.resolve("served");
        Files.createDirectories(served);
        Path remote = served.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository().setURI(remote.toString()).setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "gitops\n");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("init").setAuthor(CommitToBaseTest.BOT).setCommitter(CommitToBaseTest.BOT)
                    .setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
        client = ecKey();
        host = ecKey();
        server = new SshGitServer(served, client.getPublic(), host);
        keyFile = writePrivateKey(client, "id_prewarm");
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private Path writePrivateKey(KeyPair key, String name) throws Exception {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "prewarm-test", null, out);
        }
        return file;
    }

    private String url() {
        return "ssh://git@127.0.0.1:" + server.port() + "/gitops.git";
    }

    private GitCredentials credentials(Path key, Path hosts) {
        return new GitCredentials("oauth2", Optional.empty(), Optional.of(key), Optional.of(hosts));
    }

    private ObjectId head(String branch) throws Exception {
        try (Git g = Git.open(served.resolve("gitops.git").toFile())) {
            return g.getRepository().resolve("refs/heads/" + branch);
        }
    }

    @Test
    void planProposesABranchAndServeCommitsToMainOverSsh() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(url(), "main", CommitToBaseTest.BOT, credentials(keyFile, knownHosts), 3)) {
            assertThat(ws.read("README.md")).contains("gitops\n");
            PublishResult r = ws.propose("prewarm/plan-2026-11-28",
                    ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# over ssh\n")), MSG);
            assertThat(r.status()).isEqualTo(PublishResult.Status.UPDATED);
            assertThat(head("prewarm/plan-2026-11-28").name()).isEqualTo(r.commit().orElseThrow());

            PublishResult base = ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(
                    ChangeSet.writing(Map.of("overrides/prod/web.json", "{}\n")), new CommitMessage("freeze prod/web", "")
            )), 3);
            assertThat(base.status()).isEqualTo(PublishResult.Status.UPDATED);
            assertThat(head("main").name()).isEqualTo(base.commit().orElseThrow());
        }
    }

    @Test
    void aLongLivedWorkspaceReusesOneSshClientInsteadOfLeakingOnePerWrite() throws Exception {
        try (JGitWorkspace ws = JGitWorkspace.open(url(), "main", CommitToBaseTest.BOT, credentials(keyFile, knownHosts), 3)) {
            ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(ChangeSet.writing(Map.of("overrides/prod/web.json", "{}\n")),
                    new CommitMessage("warm up", ""))), 3);
            int threads = Thread.activeCount();
            for (int i = 0; i < 20; i++) {
                String body = "{\"n\": " + i + "}\n";
                assertThat(ws.commitToBase(s -> Optional.of(new GitWorkspace.BaseChange(
                        ChangeSet.writing(Map.of("overrides/prod/web.json", body)), new CommitMessage("write " + body.strip(), ""))), 3)
                        .status()).isEqualTo(PublishResult.Status.UPDATED);
            }
            assertThat(Thread.activeCount()).as("threads after 20 more writes (serve writes for as long as it runs)")
                    .isLessThan(threads + 8);
        }
    }

    @Test
    void aKeyTheServerDoesNotAcceptFailsWithTheRepositoryNamedAndNoKeyMaterial() throws Exception {
        Path other = writePrivateKey(ecKey(), "id_other");
        String key = Files.readString(other);
        assertThatThrownBy(() -> JGitWorkspace.open(url(), "main", CommitToBaseTest.BOT, credentials(other, knownHosts), 3))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("127.0.0.1:" + server.port())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void aHostWhoseKeyIsNotInKnownHostsIsRefused() throws Exception {
        ObjectId before = head("main");
        Path wrong = tmp.resolve("known_hosts_wrong");
        Files.writeString(wrong, new SshGitServerLine(ecKey()).line(server.port()));
        assertThatThrownBy(() -> JGitWorkspace.open(url(), "main", CommitToBaseTest.BOT, credentials(keyFile, wrong), 3))
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
        assertThat(head("main")).as("nothing reached the impostor's repository").isEqualTo(before);
    }

    /** A known_hosts line that names the server's address with some other key. */
    private record SshGitServerLine(KeyPair key) {
        String line(int port) throws Exception {
            StringBuilder b = new StringBuilder("[127.0.0.1]:").append(port).append(' ');
            org.apache.sshd.common.config.keys.PublicKeyEntry.appendPublicKeyEntry(b, key.getPublic());
            return b.append('\n').toString();
        }
    }
}
