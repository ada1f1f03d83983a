/**
 * Terraform rendering of capacity plans, one renderer per target kind; deterministic and formatted as terraform fmt
 * would. {@link io.prewarm.render.Renderers} adds every root's {@code backend.tf} ({@link io.prewarm.render.TerraformBackend},
 * configured by {@code prewarm.terraform.backend}): one state per root, {@code <environment>-<service>}.
 */
package io.prewarm.render;
