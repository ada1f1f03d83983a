package io.prewarm.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.prewarm.common.ServiceKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads every policy file under a folder: {@code *.yaml} and {@code *.yml}, one service per file, in
 * sub-folders too (for example one folder per environment). Files are parsed raw, then validated as a
 * whole; every problem of every file is reported together in one {@link PolicyException}.
 */
public final class PolicyLoader {
    /** The deepest nesting read; a real policy is 3 levels deep. */
    static final int MAX_DEPTH = 32;
    /**
     * Strict YAML: a key given twice is an error (not "last wins"), and a document is bounded in size and depth
     * whatever the file system said (docs/planner.md, "Policy files").
     */
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

    private static YAMLFactory yamlFactory() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(PolicyFiles.MAX_BYTES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        return YAMLFactory.builder().loaderOptions(options)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxDocumentLength(PolicyFiles.MAX_BYTES)
                        .maxStringLength(PolicyFiles.MAX_BYTES).maxNameLength(1024).build())
                .build();
    }

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
        List<Path> files = PolicyFiles.list(dir, problems);
        if (files.isEmpty() && problems.isEmpty()) {
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

    /** Parses and validates one file; problems are added to {@code problems} and null returned. */
    ServicePolicy parse(Path file, List<PolicyProblem> problems) {
        String name = file.toString();
        java.util.Optional<String> text = PolicyFiles.read(file, problems);
        if (text.isEmpty()) {
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(text.get());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
                String line = e.getLocation() == null ? "" : " (again at line " + e.getLocation().getLineNr() + ")";
                problems.add(new PolicyProblem(name, field(parser.getParsingContext()),
                        "is given twice" + line + "; a key may appear only once"));
                return null;
            }
            problems.add(new PolicyProblem(name, "", "is not valid YAML" + where + ": " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new PolicyProblem(name, "", "reading policy: " + e.getMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(new PolicyProblem(name, "", "must be a YAML mapping with one service's policy"));
            return null;
        }
        return validator.validate(file, root, problems);
    }

    /** The dotted field path of a parser position ({@code rules.scaleDownMaxPercent}, {@code holidays.dates[2]}). */
    static String field(com.fasterxml.jackson.core.JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
                    : c.getCurrentName() == null ? "" : "." + c.getCurrentName());
        }
        String out = String.join("", parts);
        return out.startsWith(".") ? out.substring(1) : out;
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
