package io.prewarm.render;

import io.prewarm.common.ServiceKey;
import io.prewarm.common.TargetKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerraformBackendTest {
    private static final ServiceKey CHECKOUT = ServiceKey.of("prod", "checkout");

    /** The golden case of one backend: {@code generated/prod/checkout/backend.tf} alone. */
    static RenderedFiles backendCase(TerraformBackend backend) {
        return RenderedFiles.of(Map.of(backend.path(CHECKOUT).orElseThrow(), backend.render(CHECKOUT).orElseThrow()));
    }

    @Test
    void everyBackendButNoneWritesOneStatePerRootNamedEnvDashService() {
        for (TerraformBackend backend : TerraformBackend.values()) {
            if (backend != TerraformBackend.NONE) {
                GoldenFiles.assertMatches("backend-" + backend.id(), backendCase(backend));
            }
        }
        assertThat(TerraformBackend.stateName(CHECKOUT)).isEqualTo("prod-checkout");
        assertThat(TerraformBackend.S3.render(CHECKOUT)).get().asString()
                .contains("backend \"s3\" {").contains("key = \"prewarm/prod-checkout.tfstate\"");
        assertThat(TerraformBackend.GCS.render(CHECKOUT)).get().asString().contains("prefix = \"prewarm/prod-checkout\"");
        assertThat(TerraformBackend.AZURERM.render(CHECKOUT)).get().asString()
                .contains("key = \"prewarm/prod-checkout.tfstate\"");
        assertThat(TerraformBackend.HTTP.render(CHECKOUT)).get().asString().contains("backend \"http\" {}")
                .contains("State prod-checkout");
    }

    @Test
    void everyRenderedRootHasTheConfiguredBackendAndTheDefaultIsGitLabManagedState() {
        var plan = PlanFixtures.awsPlan();
        var freeze = PlanFixtures.override(plan, OverrideSpec.Kind.FREEZE, 9);

        assertThat(new Renderers().forKind(TargetKind.AWS_ASG).render(plan).files())
                .containsEntry("generated/prod/checkout/backend.tf", TerraformBackend.HTTP.render(CHECKOUT).orElseThrow());
        assertThat(new Renderers(TerraformBackend.S3).forKind(TargetKind.AWS_ASG).renderOverride(plan, freeze).files())
                .containsKey("generated/prod/checkout/freeze.tf")
                .containsEntry("generated/prod/checkout/backend.tf", TerraformBackend.S3.render(CHECKOUT).orElseThrow());
        assertThat(new Renderers(TerraformBackend.GCS).renderService(PlanFixtures.gcpPlan(), Optional.empty()).files())
                .containsKey("generated/prod/search/backend.tf");
        assertThat(new Renderers(TerraformBackend.NONE).forKind(TargetKind.AWS_ASG).render(plan).files().keySet())
                .noneMatch(p -> p.endsWith("backend.tf"));
        assertThat(TerraformBackend.of(TerraformBackend.DEFAULT)).isEqualTo(TerraformBackend.HTTP);
    }

    @Test
    void anUnknownBackendIsRefusedWithThePropertyAndTheChoices() {
        assertThat(TerraformBackend.of(" AzureRM ")).isEqualTo(TerraformBackend.AZURERM);
        assertThatThrownBy(() -> TerraformBackend.of("consul"))
                .hasMessage("reading prewarm.terraform.backend: 'consul' is not one of http, s3, gcs, azurerm, none");
    }
}
