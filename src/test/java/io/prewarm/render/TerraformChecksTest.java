package io.prewarm.render;

import io.prewarm.render.aws.AwsAsgRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real checkers on rendered output: tfcheck (syntax, provider schemas, variables, fmt),
 * {@code terraform fmt -check} and, for AWS, {@code terraform validate} against the offline provider.
 * Each skips with its reason when its tool is missing.
 */
class TerraformChecksTest {

    /** Every golden case, each written to its own folder. */
    static Map<String, RenderedFiles> allCases() {
        Map<String, RenderedFiles> cases = new TreeMap<>();
        AwsAsgRenderer aws = new AwsAsgRenderer();
        cases.put("aws-asg", aws.render(PlanFixtures.awsPlan()));
        cases.put("aws-asg-alarms", aws.render(PlanFixtures.awsPlanWithAlarms()));
        cases.put("aws-asg-freeze", aws.renderOverride(PlanFixtures.awsPlan(),
                PlanFixtures.override(PlanFixtures.awsPlan(), OverrideSpec.Kind.FREEZE, 9)));
        cases.put("aws-asg-floor", aws.renderOverride(PlanFixtures.awsPlan(),
                PlanFixtures.override(PlanFixtures.awsPlan(), OverrideSpec.Kind.FLOOR, 30)));
        return cases;
    }

    private static void writeAll(Path dir) {
        allCases().forEach((name, files) -> GoldenFiles.write(files, dir.resolve(name)));
    }

    @Test
    void everyRenderedFolderPassesTfcheckWithNoProblems(@TempDir Path dir) {
        ExternalTools.assumeTfcheck();
        writeAll(dir);

        ExternalTools.Result result = ExternalTools.run(dir, 120, ExternalTools.TFCHECK.toString(), ".");

        assertThat(result.output()).contains(" 0 problems");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void terraformFmtLeavesEveryRenderedFileUnchanged(@TempDir Path dir) {
        var terraform = ExternalTools.onPath("terraform");
        assumeTrue(terraform.isPresent(), "skipped: terraform is not on the PATH");
        writeAll(dir);

        ExternalTools.Result result = ExternalTools.run(dir, 120, terraform.get().toString(), "fmt", "-check",
                "-diff", "-recursive", ".");

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void awsFoldersPassTerraformValidateWithTheOfflineProvider(@TempDir Path dir) {
        var terraform = ExternalTools.onPath("terraform");
        assumeTrue(terraform.isPresent(), "skipped: terraform is not on the PATH");
        var plugins = ExternalTools.terraformPluginDir();
        assumeTrue(plugins.isPresent(), "skipped: no offline hashicorp/aws provider (looked in /opt/tf-plugins, "
                + "~/.terraform.d/plugins and $PREWARM_TF_PLUGIN_DIR)");
        writeAll(dir);
        String tf = terraform.get().toString();
        List<String> awsCases = allCases().keySet().stream().filter(c -> c.startsWith("aws-")).toList();

        for (String awsCase : awsCases) {
            Path module = dir.resolve(awsCase).resolve("generated/prod/checkout");
            ExternalTools.Result init = ExternalTools.run(module, 300, tf, "init", "-backend=false", "-input=false",
                    "-no-color", "-plugin-dir=" + plugins.get());
            assertThat(init.exit()).as(awsCase + ": " + init.output()).isZero();
            ExternalTools.Result validate = ExternalTools.run(module, 300, tf, "validate", "-no-color");

            assertThat(validate.exit()).as(awsCase + ": " + validate.output()).isZero();
            assertThat(validate.output()).as(awsCase).contains("The configuration is valid");
        }
    }
}
