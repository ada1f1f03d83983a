package io.prewarm.render;

import io.prewarm.testing.Tools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code promtool check rules} for tests that hold generated rule files to Prometheus's own parser.
 * Without promtool a test is skipped with the reason printed, unless {@code -Dprewarm.requireTools=true}
 * (CI, {@code .ci/run}), where it fails ({@link Tools}).
 */
public final class Promtool {
    private static final Pattern RULE = Pattern.compile("group \"[^\"]*\", rule (\\d+), \"[^\"]*\": (.*)");

    private Promtool() {
    }

    /** promtool's path, or the calling test skipped (failed when promtool is required). */
    public static Path require() {
        return Tools.require("promtool", "apt-get install prometheus");
    }

    /** Runs promtool with {@code args} in {@code dir}: its exit code and output. */
    public static ExternalTools.Result run(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = require().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ExternalTools.run(dir, 60, cmd);
    }

    /** {@code promtool check rules} on {@code files} (relative to {@code dir}): each file's output, in order. */
    public static Map<String, String> checkRules(Path dir, List<String> files) {
        String[] cmd = new String[files.size() + 3];
        cmd[0] = require().toString();
        cmd[1] = "check";
        cmd[2] = "rules";
        for (int i = 0; i < files.size(); i++) {
            cmd[i + 3] = files.get(i);
        }
        String out = ExternalTools.run(dir, 300, cmd).output();
        Map<String, String> perFile = new LinkedHashMap<>();
        for (String block : out.split("(?m)^Checking ")) {
            int nl = block.indexOf('\n');
            if (nl > 0) {
                perFile.put(block.substring(0, nl).trim(), block.substring(nl + 1));
            }
        }
        return perFile;
    }

    /** Whether promtool found the file it printed {@code output} for valid. */
    public static boolean accepted(String output) {
        return output != null && output.contains("SUCCESS") && !output.contains("FAILED");
    }

    /** The rules (0-based index in their group) promtool refused in one file's output, with promtool's reason. */
    public static Map<Integer, String> refusedRules(String output) {
        Map<Integer, String> refused = new TreeMap<>();
        Matcher m = RULE.matcher(output);
        while (m.find()) {
            refused.put(Integer.parseInt(m.group(1)) - 1, m.group(2));
        }
        return refused;
    }
}
