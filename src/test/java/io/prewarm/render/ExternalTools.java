package io.prewarm.render;

import io.prewarm.testing.Tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the optional checkers (tfcheck, terraform, promtool); a missing one skips or fails the test ({@link Tools}). */
public final class ExternalTools {
    public static final Path TFCHECK = Path.of(System.getProperty("tfcheck",
            "/work/shared/tools/tfcheck/tfcheck"));

    private ExternalTools() {
    }

    /** Exit code and combined output of a finished process. */
    public record Result(int exit, String output) {
    }

    /** Skips (or, with tools required, fails) the calling test unless node and a set-up tfcheck are present. */
    public static void requireTfcheck() {
        Tools.require("node", "apt-get install nodejs");
        Tools.requireFile("tfcheck", TFCHECK, "set -Dtfcheck=/path/to/tfcheck");
        Path deps = TFCHECK.getParent().resolve("node_modules/@cdktf/hcl2json");
        Path cache = Path.of(System.getProperty("user.home"), ".cache/tfcheck/node_modules/@cdktf/hcl2json");
        if (!Files.isDirectory(deps) && !Files.isDirectory(cache)) {
            Tools.unavailable("tfcheck", "tfcheck dependencies missing; run " + TFCHECK.getParent().resolve("setup"));
        }
    }

    /** terraform on the PATH, or the calling test skipped (failed with tools required). */
    public static Path requireTerraform() {
        return Tools.require("terraform", "terraform 1.11 from releases.hashicorp.com in /usr/local/bin");
    }

    /** {@link #terraformPluginDir()}, or the calling test skipped (failed with tools required). */
    public static Path requireAwsProvider() {
        return terraformPluginDir().orElseGet(() -> Tools.unavailable("terraform-aws-provider",
                "no offline hashicorp/aws provider (looked in /opt/tf-plugins, ~/.terraform.d/plugins and"
                        + " $PREWARM_TF_PLUGIN_DIR)"));
    }

    /** The parent of the offline provider mirror ({@code registry.terraform.io}), if this machine has one. */
    public static Optional<Path> terraformPluginDir() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("PREWARM_TF_PLUGIN_DIR");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/opt/tf-plugins"));
        candidates.add(Path.of(System.getProperty("user.home"), ".terraform.d/plugins"));
        return candidates.stream()
                .filter(p -> Files.isDirectory(p.resolve("registry.terraform.io/hashicorp/aws")))
                .findFirst();
    }

    public static Result run(Path workDir, long timeoutSeconds, String... command) {
        return run(workDir, java.util.Map.of(), timeoutSeconds, command);
    }

    /** Runs {@code command} with {@code env} added to (or replacing entries of) this process's environment. */
    public static Result run(Path workDir, java.util.Map<String, String> env, long timeoutSeconds, String... command) {
        try {
            Path log = Files.createTempFile("prewarm-tool", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(env);
                Process p = builder.start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("running " + command[0] + ": timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("running " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("running " + command[0] + ": interrupted", e);
        }
    }
}
