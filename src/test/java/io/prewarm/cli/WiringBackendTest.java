package io.prewarm.cli;

import io.prewarm.render.TerraformBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WiringBackendTest {

    @Test
    void backendComesFromPrewarmTerraformBackendAndDefaultsToGitLabManagedState() {
        assertThat(Wiring.backend(null)).isEqualTo(TerraformBackend.HTTP);
        assertThat(Wiring.backend(() -> "s3")).isEqualTo(TerraformBackend.S3);
        assertThat(Wiring.backend(() -> "none")).isEqualTo(TerraformBackend.NONE);
    }

    @Test
    void anUnknownBackendIsInvalidInputNamingTheProperty() {
        assertThatThrownBy(() -> Wiring.backend(() -> "consul"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reading prewarm.terraform.backend: 'consul' is not one of http, s3, gcs, azurerm, none");
    }
}
