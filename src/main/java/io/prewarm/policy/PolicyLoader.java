package io.prewarm.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.prewarm.common.ServiceKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads every policy file under a folder: {@code *.yaml} and {@code *.yml}, one service per file, in
 * sub-folders too (for example one folder per environment); hidden files and folders (names starting with
 * a dot) are skipped, so a Kubernetes ConfigMap mount loads each policy once. Files are parsed raw, then validated as a
 * whole; every problem of every file is reported together in one {@link PolicyException}.
 */
public final class PolicyLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final PolicyValidator validator;

    /**
     * @param knownHolidayCountries the country codes the forecast stage has a built-in calendar for
     */
    public PolicyLoader(Set<String> knownHolidayCountries) {
        this.validator = new PolicyValidator(knownHolidayCountries);
    }

    /** Loads and validates every policy under {@code dir}, sorted by environment and service. */
    public List<ServicePolicy> loadAll(Path dir) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new PolicyException(List.of(new PolicyProblem(dir.toString(), "",
                    "is not a folder of policy files")));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing policies in " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new PolicyException(List.of(new PolicyProblem(dir.toString(), "",
                    "contains no policy files (*.yaml, *.yml)")));
        }
        List<ServicePolicy> policies = new ArrayList<>();
        Map<ServiceKey, Path> seen = new HashMap<>();
        for (Path file : files) {
            ServicePolicy p = parse(file, problems);
            if (p == null) {
                continue;
            }
            Path first = seen.putIfAbsent(p.key(), file);
            if (first != null) {
                problems.add(new PolicyProblem(file.toString(), "service",
                        "'" + p.key() + "' is already defined in " + first));
                continue;
            }
            policies.add(p);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        policies.sort(Comparator.comparing(ServicePolicy::key));
        return List.copyOf(policies);
    }

    /**
     * Whether a path below the policy folder is hidden (a part starts with a dot): {@code .git}, editors'
     * drafts, and the timestamped copy a Kubernetes ConfigMap volume keeps next to its links, which would
     * define every service twice.
     */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Parses and validates one file; problems are added to {@code problems} and null returned. */
    ServicePolicy parse(Path file, List<PolicyProblem> problems) {
        String name = file.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            problems.add(new PolicyProblem(name, "", "is not valid YAML" + where + ": " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new PolicyProblem(name, "", "cannot be read: " + e.getMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(new PolicyProblem(name, "", "must be a YAML mapping with one service's policy"));
            return null;
        }
        return validator.validate(file, root, problems);
    }

    /** Parses a single file, throwing with all its problems. */
    public ServicePolicy loadFile(Path file) {
        List<PolicyProblem> problems = new ArrayList<>();
        ServicePolicy p = parse(file, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return p;
    }
}
