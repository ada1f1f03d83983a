package io.prewarm.deploy;

import io.prewarm.testing.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code kubectl} on PATH (Debian's {@code kubernetes-client} has kustomize built in). Tests that need it
 * skip with a printed reason when it is missing, and fail instead with {@code -Dprewarm.requireTools=true} (CI).
 */
final class Kubectl {
    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    /** The kubectl on PATH, or the test is skipped (or failed, in CI) with the reason. */
    static Kubectl require() {
        return new Kubectl(Tools.require("kubectl", "apt-get install kubernetes-client"));
    }

    /** The result of one kubectl run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs kubectl with these arguments and input, with an empty kubeconfig and a private cache. */
    Result run(List<String> args, String stdin, Path scratch) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        try {
            Path kubeconfig = scratch.resolve("kubeconfig");
            if (!Files.exists(kubeconfig)) {
                Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n");
            }
            Map<String, String> env = pb.environment();
            env.put("KUBECONFIG", kubeconfig.toString());
            env.put("HOME", scratch.toString());
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("kubectl " + args + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kubectl kustomize DIR}: the rendered manifests, or the test fails with kubectl's error. */
    String kustomize(Path dir, Path scratch) {
        Result r = run(List.of("kustomize", dir.toString()), "", scratch);
        if (r.exitCode() != 0) {
            fail("kubectl kustomize " + dir + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
