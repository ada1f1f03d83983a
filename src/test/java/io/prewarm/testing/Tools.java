package io.prewarm.testing;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The external tools tests run for real (promtool, prometheus, alertmanager, pushgateway, chromium, kubectl,
 * terraform, tfcheck, ...). Without one, the calling test is skipped with the reason and how to install it;
 * with {@code -Dprewarm.requireTools=true} ({@code .ci/run}) it fails instead, unless the tool is named in
 * {@code -Dprewarm.optionalTools} (comma-separated tool names; {@code .ci/run} lists there what it could not
 * set up, such as {@code terraform} on a machine without it).
 */
public final class Tools {
    /** {@code true}: a missing tool fails the test instead of skipping it. */
    public static final String REQUIRE_PROPERTY = "prewarm.requireTools";
    /** Tools that may still be missing when {@link #REQUIRE_PROPERTY} is set, comma-separated. */
    public static final String OPTIONAL_PROPERTY = "prewarm.optionalTools";

    private final boolean required;
    private final Set<String> optional;
    private final List<String> path;

    Tools(Properties properties, String path) {
        this.required = Boolean.parseBoolean(properties.getProperty(REQUIRE_PROPERTY, "false").trim());
        this.optional = Arrays.stream(properties.getProperty(OPTIONAL_PROPERTY, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.path = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).toList();
    }

    /** The rules of this JVM: its system properties and {@code PATH}. */
    public static Tools here() {
        return new Tools(System.getProperties(), System.getenv().getOrDefault("PATH", ""));
    }

    /** {@code command} on the PATH, or the calling test skipped (failed when tools are required). */
    public static Path require(String command, String install) {
        return here().find(command, install, command);
    }

    /** The first of {@code commands} on the PATH ({@code tool} names them in messages), or skipped / failed. */
    public static Path requireAny(String tool, String install, String... commands) {
        return here().find(tool, install, commands);
    }

    /** {@code file} when it is executable, or the calling test skipped / failed. */
    public static Path requireFile(String tool, Path file, String install) {
        return Files.isExecutable(file) ? file : here().missing(tool, file + " is not installed (" + install + ")");
    }

    /** Skips the calling test with {@code why} (fails it when tools are required); never returns normally. */
    public static <T> T unavailable(String tool, String why) {
        return here().missing(tool, why);
    }

    /** {@code command} on the PATH, if it is there (no skip, no failure). */
    public static Optional<Path> onPath(String command) {
        return here().lookUp(command);
    }

    /** Whether {@code tool} may be missing here: tools are not required, or it is named optional. */
    public boolean mayBeMissing(String tool) {
        return !required || optional.contains(tool);
    }

    Path find(String tool, String install, String... commands) {
        for (String command : commands) {
            Optional<Path> found = lookUp(command);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return missing(tool, String.join(" or ", commands) + " is not on the PATH (" + install + ")");
    }

    Optional<Path> lookUp(String command) {
        return path.stream().map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    <T> T missing(String tool, String why) {
        if (!mayBeMissing(tool)) {
            throw new AssertionFailedError(why + ", and -D" + REQUIRE_PROPERTY + "=true forbids skipping (name it in -D"
                    + OPTIONAL_PROPERTY + "=" + tool + " to allow it)");
        }
        String reason = "skipped: " + why + "; set -D" + REQUIRE_PROPERTY + "=true to fail instead";
        System.out.println(reason);
        throw new TestAbortedException(reason);
    }
}
