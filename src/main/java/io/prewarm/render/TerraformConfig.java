package io.prewarm.render;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Terraform settings ({@code prewarm.terraform.*}, or {@code PREWARM_TERRAFORM_*} in the environment). */
@ConfigMapping(prefix = "prewarm.terraform")
public interface TerraformConfig {
    /**
     * State backend of every generated root: {@code http} (GitLab-managed state, the default), {@code s3},
     * {@code gcs}, {@code azurerm} or {@code none} (no backend block: local state). {@code plan} and
     * {@code serve} must use the same value, or their commits rewrite each other's {@code backend.tf}.
     */
    @WithDefault(TerraformBackend.DEFAULT)
    String backend();
}
