package io.prewarm.render;

import io.prewarm.render.aws.AwsAsgRenderer;
import io.prewarm.render.azure.AzureVmssRenderer;
import io.prewarm.render.google.GcpMigRenderer;
import io.prewarm.render.kubernetes.KedaRenderer;
import io.prewarm.render.kubernetes.KubernetesHpaRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

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
        GcpMigRenderer gcp = new GcpMigRenderer();
        cases.put("gcp-mig", gcp.render(PlanFixtures.gcpPlan()));
        cases.put("gcp-mig-freeze", gcp.renderOverride(PlanFixtures.gcpPlan(),
                PlanFixtures.override(PlanFixtures.gcpPlan(), OverrideSpec.Kind.FREEZE, 9)));
        cases.put("gcp-mig-floor", gcp.renderOverride(PlanFixtures.gcpPlan(),
                PlanFixtures.override(PlanFixtures.gcpPlan(), OverrideSpec.Kind.FLOOR, 12)));
        KubernetesHpaRenderer hpa = new KubernetesHpaRenderer();
        cases.put("kubernetes-hpa", hpa.render(PlanFixtures.hpaPlan()));
        cases.put("kubernetes-hpa-freeze", hpa.renderOverride(PlanFixtures.hpaPlan(),
                PlanFixtures.override(PlanFixtures.hpaPlan(), OverrideSpec.Kind.FREEZE, 9)));
        cases.put("kubernetes-hpa-floor", hpa.renderOverride(PlanFixtures.hpaPlan(),
                PlanFixtures.override(PlanFixtures.hpaPlan(), OverrideSpec.Kind.FLOOR, 12)));
        KedaRenderer keda = new KedaRenderer();
        cases.put("kubernetes-keda", keda.render(PlanFixtures.kedaPlan()));
        cases.put("kubernetes-keda-freeze", keda.renderOverride(PlanFixtures.kedaPlan(),
                PlanFixtures.override(PlanFixtures.kedaPlan(), OverrideSpec.Kind.FREEZE, 9)));
        cases.put("kubernetes-keda-floor", keda.renderOverride(PlanFixtures.kedaPlan(),
                PlanFixtures.override(PlanFixtures.kedaPlan(), OverrideSpec.Kind.FLOOR, 12)));
        AzureVmssRenderer azure = new AzureVmssRenderer();
        cases.put("azure-vmss", azure.render(PlanFixtures.azurePlan()));
        cases.put("azure-vmss-freeze", azure.renderOverride(PlanFixtures.azurePlan(),
                PlanFixtures.override(PlanFixtures.azurePlan(), OverrideSpec.Kind.FREEZE, 9)));
        cases.put("azure-vmss-floor", azure.renderOverride(PlanFixtures.azurePlan(),
                PlanFixtures.override(PlanFixtures.azurePlan(), OverrideSpec.Kind.FLOOR, 12)));
        for (TerraformBackend backend : TerraformBackend.values()) {
            if (backend != TerraformBackend.NONE) {
                cases.put("backend-" + backend.id(), TerraformBackendTest.backendCase(backend));
            }
        }
        return cases;
    }

    /** terraform init links the offline provider into .terraform; remove the links, never their targets. */
    private static void removeProviderLinks(Path dotTerraform) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dotTerraform, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dotTerraform)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private static void writeAll(Path dir) {
        allCases().forEach((name, files) -> GoldenFiles.write(files, dir.resolve(name)));
    }

    @Test
    void twoRunsProduceByteIdenticalFilesForEveryTarget() {
        Map<String, RenderedFiles> first = allCases();
        Map<String, RenderedFiles> second = allCases();
        assertThat(second).isEqualTo(first);
        first.forEach((name, files) -> assertThat(files.files()).as(name).isNotEmpty());
    }

    @Test
    void everyRenderedFolderPassesTfcheckWithNoProblems(@TempDir Path dir) {
        ExternalTools.requireTfcheck();
        writeAll(dir);

        ExternalTools.Result result = ExternalTools.run(dir, 120, ExternalTools.TFCHECK.toString(), ".");

        assertThat(result.output()).contains(" 0 problems");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void terraformFmtLeavesEveryRenderedFileUnchanged(@TempDir Path dir) {
        Path terraform = ExternalTools.requireTerraform();
        writeAll(dir);

        ExternalTools.Result result = ExternalTools.run(dir, 120, terraform.toString(), "fmt", "-check",
                "-diff", "-recursive", ".");

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void awsFoldersPassTerraformValidateWithTheOfflineProvider(@TempDir Path dir) throws java.io.IOException {
        Path terraform = ExternalTools.requireTerraform();
        Path plugins = ExternalTools.requireAwsProvider();
        writeAll(dir);
        String tf = terraform.toString();
        List<String> awsCases = allCases().keySet().stream().filter(c -> c.startsWith("aws-")).toList();

        for (String awsCase : awsCases) {
            Path module = dir.resolve(awsCase).resolve("generated/prod/checkout");
            ExternalTools.Result init = ExternalTools.run(module, 300, tf, "init", "-backend=false", "-input=false",
                    "-no-color", "-plugin-dir=" + plugins);
            assertThat(init.exit()).as(awsCase + ": " + init.output()).isZero();
            ExternalTools.Result validate = ExternalTools.run(module, 300, tf, "validate", "-no-color");

            assertThat(validate.exit()).as(awsCase + ": " + validate.output()).isZero();
            assertThat(validate.output()).as(awsCase).contains("The configuration is valid");
            removeProviderLinks(module.resolve(".terraform"));
        }
    }
}
