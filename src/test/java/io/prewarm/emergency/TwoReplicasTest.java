package io.prewarm.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real {@code serve} processes (the packaged jar, each with its own clone) on one bare GitOps repository
 * on disk, loopback only: a burst of distinct actions and of duplicates (the same Idempotency-Key sent to both
 * replicas at once) goes to both, one replica is killed with SIGKILL mid-burst and its clients fail over to
 * the survivor with the same key, as a load balancer's retry would. Every action answered 2xx must be in
 * exactly one commit, answered with the same action id wherever it was answered, and the survivor keeps
 * working. Needs {@code ./mvnw -B -q package -DskipTests} first (skipped without the jar).
 */
@Tag("processes")
class TwoReplicasTest {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String TOKEN = "replicas-token-0123456789abcdef";
    static final String[][] SERVICES = {{"prod", "checkout"}, {"prod", "search"}, {"prod", "catalog"},
            {"prod", "billing"}, {"staging", "reports"}};
    static final int DISTINCT = 90;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Replica(Process process, int port) {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Replica start(GitOpsRepo repo, String name) throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprewarm.emergency.rate-limit-per-second=100000", "-Dprewarm.emergency.rate-limit-burst=100000",
                "-Dprewarm.emergency.refresh-interval=3600s", "-jar", JAR.toString(), "serve",
                "--repo", repo.remote.toString(), "--policies", "policies", "--host", "127.0.0.1", "--port", String.valueOf(port));
        pb.environment().put("PREWARM_API_TOKEN", TOKEN);
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        return new Replica(pb.start(), port);
    }

    void awaitReady(Replica r, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            assertThat(r.process().isAlive()).as(name + " exited: " + log(name)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " not ready in 40 s: " + log(name));
    }

    String log(String name) throws IOException {
        String all = Files.readString(tmp.resolve(name + ".log"));
        return all.length() > 3000 ? all.substring(all.length() - 3000) : all;
    }

    /**
     * The body of action {@code i}: its service's count rises with i while its ttl falls, so no action's
     * override ever covers another's and every one of them is APPLIED, whichever order they land in.
     */
    static String body(int i) {
        String[] s = SERVICES[i % SERVICES.length];
        int k = i / SERVICES.length;
        return "{\"environment\":\"" + s[0] + "\",\"service\":\"" + s[1] + "\",\"target\":" + (2 + k)
                + ",\"ttl\":\"" + (600 - k) + "m\",\"reason\":\"replicas " + i + "\"}";
    }

    /** POST to one replica; null when it is not answering (killed). */
    JsonNode post(Replica r, int i) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/v1/emergency/scale-up"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").header("Idempotency-Key", "replicas-" + i)
                .POST(HttpRequest.BodyPublishers.ofString(body(i))).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new AssertionError("action " + i + " answered " + res.statusCode() + ": " + res.body());
            }
            return JSON.readTree(res.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoReplicasCommitEvery2xxActionExactlyOnceThroughAKillNineAndTheSurvivorKeepsWorking() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "build first: ./mvnw -B -q package -DskipTests");
        GitOpsRepo repo = new GitOpsRepo(tmp);
        int before = repo.log().size();
        Replica a = start(repo, "a");
        Replica b = start(repo, "b");
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            awaitReady(a, "a");
            awaitReady(b, "b");
            Map<Integer, List<String>> answeredIds = new ConcurrentHashMap<>();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failedOver = new AtomicInteger();
            List<Future<?>> sent = new ArrayList<>();
            for (int n = 0; n < DISTINCT; n++) {
                int i = n;
                List<Replica> to = i % 3 == 0 ? List.of(a, b) : List.of(i % 2 == 0 ? a : b); // every third: a duplicate
                for (Replica first : to) {
                    sent.add(clients.submit(() -> {
                        JsonNode ans = post(first, i);
                        if (ans == null) { // the replica is gone: the same request, same key, to the survivor
                            failedOver.incrementAndGet();
                            ans = post(first == a ? b : a, i);
                        }
                        assertThat(ans).as("action " + i + " answered by neither replica").isNotNull();
                        assertThat(ans.get("status").asText()).as(ans.toString()).isEqualTo("APPLIED");
                        answeredIds.computeIfAbsent(i, x -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(ans.get("id").asText() + " " + ans.get("commit").asText());
                        answered.incrementAndGet();
                        return null;
                    }));
                }
            }
            while (answered.get() < DISTINCT / 3) {
                Thread.sleep(20);
            }
            b.process().destroyForcibly(); // SIGKILL, mid-burst
            b.process().waitFor(10, TimeUnit.SECONDS);
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }

            JsonNode after = post(a, DISTINCT); // the survivor keeps working
            assertThat(after.get("status").asText()).isEqualTo("APPLIED");

            Map<String, List<String>> commitsOfId = new HashMap<>();
            Map<String, Integer> keys = new HashMap<>();
            for (RevCommit c : repo.log()) {
                for (Trailers.Recovered rec : Trailers.parseAll(c.getName(), c.getFullMessage())) {
                    commitsOfId.computeIfAbsent(rec.actionId(), x -> new ArrayList<>()).add(c.getName());
                    rec.idempotencyKey().ifPresent(k -> keys.merge(k, 1, Integer::sum));
                }
            }
            assertThat(answeredIds).hasSize(DISTINCT);
            for (Map.Entry<Integer, List<String>> e : answeredIds.entrySet()) {
                List<String> seen = e.getValue();
                assertThat(seen.stream().distinct()).as("action " + e.getKey() + ": one id and commit wherever answered")
                        .hasSize(1);
                String[] idCommit = seen.get(0).split(" ");
                assertThat(commitsOfId.get(idCommit[0])).as("action " + e.getKey() + " committed exactly once")
                        .containsExactly(idCommit[1]);
            }
            assertThat(keys.values()).as("no idempotency key in two commits").allMatch(n -> n == 1);
            assertThat(commitsOfId).hasSize(DISTINCT + 1);
            int commits = repo.log().size() - before;
            System.out.printf("two replicas: actions=%d answers=%d failed-over=%d commits=%d%n", DISTINCT + 1,
                    answeredIds.values().stream().mapToInt(List::size).sum(), failedOver.get(), commits);
        } finally {
            clients.shutdownNow();
            a.process().destroyForcibly();
            b.process().destroyForcibly();
            a.process().waitFor(10, TimeUnit.SECONDS);
            b.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
