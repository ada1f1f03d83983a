package io.prewarm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a new GitOps repository, read from the resources under {@code scaffold/}: the example policies
 * (the repository's policies/, copied by the build) and the CI/CD component (templates/prewarm.yml), both from
 * their one source, plus the README, .gitlab-ci.yml and the folder READMEs. {@code @PREWARM_VERSION@} becomes
 * the version that writes them.
 */
final class Scaffold {
    static final String VERSION_TOKEN = "@PREWARM_VERSION@";

    /** Path in the new repository -> resource under scaffold/, in writing order. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("README.md", "README.md");
        FILES.put(".gitlab-ci.yml", "gitlab-ci.yml");
        FILES.put(".gitlab/prewarm.yml", "component/prewarm.yml");
        for (String p : new String[] {"checkout", "catalog", "search", "reports", "billing"}) {
            FILES.put("policies/" + p + ".yaml", "policies/" + p + ".yaml");
        }
        FILES.put("policies/schema.json", "policies/schema.json");
        FILES.put("generated/README.md", "generated-README.md");
        FILES.put("overrides/README.md", "overrides-README.md");
    }

    private Scaffold() {
    }

    /** The version of this build ({@code project.version}), also where there is no jar manifest. */
    static String version() {
        try (InputStream in = Scaffold.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("reading the version: version.properties is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the version: " + e.getMessage(), e);
        }
    }

    /** Every file of the repository, its path and its content for {@code version}. */
    static Map<String, byte[]> files(String version) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        FILES.forEach((path, resource) -> {
            byte[] bytes = resource(resource);
            if (!resource.startsWith("component/") && !resource.startsWith("policies/")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace(VERSION_TOKEN, version)
                        .getBytes(StandardCharsets.UTF_8);
            }
            out.put(path, bytes);
        });
        return out;
    }

    static byte[] resource(String name) {
        try (InputStream in = Scaffold.class.getClassLoader().getResourceAsStream("scaffold/" + name)) {
            if (in == null) {
                throw new IllegalStateException("reading scaffold/" + name + ": not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading scaffold/" + name + ": " + e.getMessage(), e);
        }
    }
}
