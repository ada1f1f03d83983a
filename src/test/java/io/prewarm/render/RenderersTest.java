package io.prewarm.render;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.prewarm.common.TargetKind;
import io.prewarm.render.aws.AwsAsgRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RenderersTest {

    @Test
    void hasARendererForEveryTargetKind() {
        Renderers renderers = new Renderers();
        for (TargetKind kind : TargetKind.values()) {
            assertThat(renderers.forKind(kind).kind()).isEqualTo(kind);
        }
    }

    @Test
    void rendersAServiceAsTerraformPlusAlertRules() {
        RenderedFiles files = new Renderers().renderService(PlanFixtures.gcpPlan(), Optional.empty());
        assertThat(files.files().keySet()).containsExactly("generated/prod/search/backend.tf",
                "generated/prod/search/main.tf",
                "generated/prod/search/variables.tf", "generated/prod/search/versions.tf",
                "generated/prometheus/prod/search.rules.yml");

        RenderedFiles frozen = new Renderers().renderService(PlanFixtures.awsPlan(),
                Optional.of(PlanFixtures.override(PlanFixtures.awsPlan(), OverrideSpec.Kind.FREEZE, 9)));
        assertThat(frozen.files()).containsKeys("generated/prod/checkout/freeze.tf",
                "generated/prometheus/prod/checkout.rules.yml");
    }

    @Test
    void buildsAFloorOverrideFromThePlannersEmergencyFloor() {
        var plan = PlanFixtures.awsPlan();
        OverrideSpec spec = OverrideSpec.floor(plan, new io.prewarm.plan.PlanInput.EmergencyFloor("em-1", 30,
                java.time.Instant.parse("2026-11-29T06:00:00Z")), "alert PrewarmQueueDepthHigh");
        assertThat(spec.kind()).isEqualTo(OverrideSpec.Kind.FLOOR);
        assertThat(spec.count()).isEqualTo(30);
        assertThat(new Renderers().renderService(plan, Optional.of(spec)).files())
                .containsKey("generated/prod/checkout/floor.tf");
        assertThatThrownBy(() -> OverrideSpec.floor(plan, new io.prewarm.plan.PlanInput.EmergencyFloor("EM 1", 3,
                java.time.Instant.EPOCH), "x")).hasMessageContaining("override id 'EM 1' is invalid");
    }

    @Test
    void refusesToMergeFilesWithTheSamePath() {
        RenderedFiles a = RenderedFiles.of(java.util.Map.of("generated/x", "1"));
        assertThatThrownBy(() -> a.plus(a)).hasMessage("merging rendered files: generated/x rendered twice");
    }

    @Test
    void failsWithTheKindWhenNoRendererIsRegistered() {
        Renderers onlyAws = new Renderers(List.of(new AwsAsgRenderer()));
        assertThatThrownBy(() -> onlyAws.forKind(TargetKind.GCP_MIG))
                .hasMessage("rendering: no renderer for target kind gcp-mig");
        assertThatThrownBy(() -> new Renderers(List.of(new AwsAsgRenderer(), new AwsAsgRenderer())))
                .hasMessageContaining("two renderers for aws-asg");
    }

    @Test
    void renderDependsOnlyOnCommonAndPlan() {
        // Import the compiled render classes only: scanning the whole classpath for a package is slow.
        java.nio.file.Path compiled = java.nio.file.Path.of("target/classes/io/prewarm/render");
        assumeTrue(java.nio.file.Files.isDirectory(compiled), "skipped: compiled classes not at " + compiled);
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(compiled);
        assertThat(classes.contain(Renderers.class)).isTrue();
        noClasses().that().resideInAPackage("io.prewarm.render..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prewarm.policy..", "io.prewarm.metrics..",
                        "io.prewarm.forecast..", "io.prewarm.gitops..", "io.prewarm.override..", "io.prewarm.pipeline..",
                        "io.prewarm.emergency..", "io.prewarm.backtest..", "io.prewarm.telemetry..", "io.prewarm.cli..")
                .check(classes);
    }
}
