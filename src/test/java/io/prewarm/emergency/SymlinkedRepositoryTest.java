package io.prewarm.emergency;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.jgit.api.Git;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static io.prewarm.emergency.EmergencyTestProfile.ALL;
import static io.prewarm.emergency.Http.bearer;
import static io.prewarm.emergency.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

/** serve on a GitOps repository where someone committed a symbolic link: the action is refused, nothing leaves the clone. */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class SymlinkedRepositoryTest {
    static final String FREEZE = "{\"service\":\"checkout\",\"environment\":\"prod\",\"count\":12,\"reason\":\"bad deploy\"}";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EmergencyService service;

    @TempDir
    Path tmp;

    GitOpsRepo repo;
    Path outside;

    @BeforeEach
    void startOnFreshRepository() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        repo = new GitOpsRepo(tmp);
        repo.start(service, new GitOpsRepo.MovableClock(Instant.parse("2026-11-28T12:00:00Z")));
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    /** Someone pushes {@code link -> outside} to main after serve started. */
    private void pushLink(String link) throws Exception {
        Path work = tmp.resolve("attacker");
        try (Git g = Git.cloneRepository().setURI(repo.remote.toString()).setDirectory(work.toFile()).call()) {
            Path l = work.resolve(link);
            Files.createDirectories(l.getParent());
            Files.createSymbolicLink(l, outside);
            g.add().addFilepattern(".").call();
            g.commit().setMessage("link").setAuthor(GitOpsRepo.ME).setCommitter(GitOpsRepo.ME).setSign(false).call();
            g.push().setRemote("origin").add("HEAD:refs/heads/main").call();
        }
    }

    private long filesOutside() throws Exception {
        try (Stream<Path> s = Files.walk(outside)) {
            return s.filter(p -> !p.equals(outside)).count();
        }
    }

    @Test
    void aFreezeThroughASymlinkedOverridesFolderIsRefusedAndNothingIsWrittenOutside() throws Exception {
        pushLink("overrides/prod");
        int commits = repo.log().size();
        Http.Answer a = send(port, "POST", "/v1/emergency/freeze", FREEZE, "Authorization", bearer(ALL));
        assertThat(a.status()).as(a.body()).isEqualTo(500);
        assertThat(a.json().get("error").asText()).isEqualTo("refusing the action, nothing was applied: reading "
                + "overrides/prod/checkout.json: overrides/prod is a symbolic link (to " + outside + ") committed in "
                + "the repository; prewarm reads only real folders and files, replace it");
        assertThat(filesOutside()).isZero();
        assertThat(repo.log()).hasSize(commits);
    }

    @Test
    void aFreezeIsRefusedWholeWhenAnyFolderUnderGeneratedIsALink() throws Exception {
        pushLink("generated/prod/legacy");
        int commits = repo.log().size();
        Http.Answer a = send(port, "POST", "/v1/emergency/freeze", FREEZE, "Authorization", bearer(ALL));
        assertThat(a.status()).as(a.body()).isEqualTo(500);
        assertThat(a.json().get("error").asText()).startsWith("refusing the action, nothing was applied: writing to ")
                .endsWith(": generated/prod/legacy is a symbolic link (to " + outside + ") committed in the repository; "
                        + "prewarm refuses links under generated/, overrides/, policies/, replace it with a real "
                        + "folder or file");
        assertThat(filesOutside()).isZero();
        assertThat(repo.log()).hasSize(commits);
        assertThat(repo.file("overrides/prod/checkout.json")).isEmpty();
    }
}
