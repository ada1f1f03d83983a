package io.prewarm.render.hcl;

import io.prewarm.render.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the writer against the real thing: random (seeded) bodies must come out of
 * {@code terraform fmt} unchanged, and tricky strings must read back from Terraform byte for byte.
 */
class HclWriterAgainstTerraformTest {
    private static final String[] TRICKY = {
            "plain", "quote \" and backslash \\ end\\", "${var.secret}", "%{ if true }x%{ endif }", "$${already}",
            "%%{already}", "line1\nline2\ttab\rcr", "unicode é ✓ 😀", "bell\u0007 nul-free", "trailing $", "100%",
            "$", "%", "${", "%{", "}", "\"${\"", "a\u2028b", "C:\\path\\to\\${x}",
    };

    @Test
    void terraformFmtLeavesRandomBodiesUnchanged(@TempDir Path dir) throws IOException {
        Path terraform = ExternalTools.requireTerraform();
        Random random = new Random(20261128L);
        for (int i = 0; i < 60; i++) {
            HclBody file = new HclBody();
            int blocks = 1 + random.nextInt(3);
            for (int b = 0; b < blocks; b++) {
                fill(file.block("resource", "x_thing", "r" + b), random, 0);
            }
            Files.writeString(dir.resolve("f" + i + ".tf"), HclWriter.write(file), StandardCharsets.UTF_8);
        }

        ExternalTools.Result result = ExternalTools.run(dir, 120, terraform.toString(), "fmt", "-check",
                "-diff", "-recursive", ".");

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void terraformReadsQuotedStringsBackUnchanged(@TempDir Path dir) throws IOException {
        Path terraform = ExternalTools.requireTerraform();
        HclBody file = new HclBody();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < TRICKY.length; i++) {
            file.block("variable", "v" + i).attribute("default", TRICKY[i]);
            refs.add("base64encode(var.v" + i + ")");
        }
        Files.writeString(dir.resolve("vars.tf"), HclWriter.write(file), StandardCharsets.UTF_8);
        Path input = dir.resolve("console.txt");
        Files.writeString(input, "jsonencode([" + String.join(", ", refs) + "])\n");

        ExternalTools.Result result = ExternalTools.run(dir, 120, "sh", "-c",
                terraform + " console < console.txt");

        assertThat(result.exit()).as(result.output()).isZero();
        String line = result.output().lines().filter(l -> l.startsWith("\"[")).findFirst().orElseThrow();
        // The console prints the JSON array as a quoted HCL string: "[\"YQ==\",\"Yg==\"]".
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\\"([A-Za-z0-9+/=]*)\\\\\"").matcher(line);
        List<String> encoded = new ArrayList<>();
        while (m.find()) {
            encoded.add(m.group(1));
        }
        assertThat(encoded).as(line).hasSize(TRICKY.length);
        for (int i = 0; i < TRICKY.length; i++) {
            assertThat(new String(Base64.getDecoder().decode(encoded.get(i)), StandardCharsets.UTF_8))
                    .as("value %d", i).isEqualTo(TRICKY[i]);
        }
    }

    private static void fill(HclBody body, Random random, int depth) {
        int items = 1 + random.nextInt(6);
        for (int i = 0; i < items; i++) {
            int kind = random.nextInt(10);
            String name = name(random) + i;
            if (kind < 4) {
                body.attribute(name, scalar(random));
            } else if (kind == 4) {
                body.blank();
            } else if (kind == 5) {
                body.comment("note " + name);
            } else if (kind == 6 && depth < 3) {
                fill(body.block(name), random, depth + 1);
            } else if (kind == 7) {
                body.attribute(name, object(random, 0));
            } else if (kind == 8) {
                List<HclExpr> list = new ArrayList<>();
                int n = random.nextInt(4);
                boolean objects = random.nextBoolean();
                for (int j = 0; j < n; j++) {
                    list.add(objects ? object(random, 1) : scalar(random));
                }
                body.attribute(name, HclExpr.list(list));
            } else {
                body.attribute(name, HclExpr.object().put("a", 1).put("k" + name(random), scalar(random)).compact());
            }
        }
    }

    private static HclExpr object(Random random, int depth) {
        HclExpr.ObjectExpr o = HclExpr.object();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(5) == 0 ? "dotted.key/" + i : name(random) + i;
            if (depth < 2 && random.nextInt(4) == 0) {
                o.put(key, object(random, depth + 1));
            } else {
                o.put(key, scalar(random));
            }
        }
        return o;
    }

    private static HclExpr scalar(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> HclExpr.number(random.nextInt(2000) - 1000);
            case 1 -> HclExpr.number(random.nextInt(1000) / 8.0);
            case 2 -> HclExpr.string(TRICKY[random.nextInt(TRICKY.length)]);
            case 3 -> HclExpr.ref("var.v" + random.nextInt(3));
            default -> HclExpr.bool(random.nextBoolean());
        };
    }

    private static String name(Random random) {
        return "abcdefghijklmnopqrstuvwxyz_".substring(0, 1 + random.nextInt(20)).replace("_", "x");
    }
}
