package io.prewarm.render;

import io.prewarm.render.aws.AwsAsgRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real checkers on rendered output: tfcheck (syntax, provider schemas, variables, fmt),
 * {@code terraform fmt -check} and, for AWS, {@code terraform validate} against the offline provider.
 * Each skips with its reason when its tool is missing.
 */
class TerraformChecksTest {

    static List<RenderedFiles> allTargets() {
        return List.of(new AwsAsgRenderer().render(PlanFixtures.awsPlan()));
    }

    @Test
    void everyRenderedFolderPassesTfcheckWithNoProblems(@TempDir Path dir) {
        ExternalTools.assumeTfcheck();
        allTargets().forEach(files -> GoldenFiles.write(files, dir));

        ExternalTools.Result result = ExternalTools.run(dir, 120, ExternalTools.TFCHECK.toString(), "generated");

        assertThat(result.output()).contains(" 0 problems");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void terraformFmtLeavesEveryRenderedFileUnchanged(@TempDir Path dir) {
        var terraform = ExternalTools.onPath("terraform");
        assumeTrue(terraform.isPresent(), "skipped: terraform is not on the PATH");
        allTargets().forEach(files -> GoldenFiles.write(files, dir));

        ExternalTools.Result result = ExternalTools.run(dir, 120, terraform.get().toString(), "fmt", "-check",
                "-diff", "-recursive", "generated");

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void awsFolderPassesTerraformValidateWithTheOfflineProvider(@TempDir Path dir) {
        var terraform = ExternalTools.onPath("terraform");
        assumeTrue(terraform.isPresent(), "skipped: terraform is not on the PATH");
        var plugins = ExternalTools.terraformPluginDir();
        assumeTrue(plugins.isPresent(), "skipped: no offline hashicorp/aws provider (looked in /opt/tf-plugins, "
                + "~/.terraform.d/plugins and $PREWARM_TF_PLUGIN_DIR)");
        RenderedFiles files = new AwsAsgRenderer().render(PlanFixtures.awsPlan());
        GoldenFiles.write(files, dir);
        Path module = dir.resolve("generated/prod/checkout");
        String tf = terraform.get().toString();

        ExternalTools.Result init = ExternalTools.run(module, 300, tf, "init", "-backend=false", "-input=false",
                "-no-color", "-plugin-dir=" + plugins.get());
        assertThat(init.exit()).as(init.output()).isZero();
        ExternalTools.Result validate = ExternalTools.run(module, 300, tf, "validate", "-no-color");

        assertThat(validate.exit()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("The configuration is valid");
    }
}
