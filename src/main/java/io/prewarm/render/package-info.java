/**
 * Terraform rendering of capacity plans, one renderer per target kind; deterministic and formatted as terraform fmt
 * would. Every target's renderer extends {@link io.prewarm.render.TerraformRoot}, the skeleton of one root
 * ({@code main.tf}, {@code variables.tf}, {@code versions.tf} and the target's own files), and writes only the bodies.
 * {@link io.prewarm.render.Renderers} adds every root's {@code backend.tf} ({@link io.prewarm.render.TerraformBackend},
 * configured by {@code prewarm.terraform.backend}): one state per root, {@code <environment>-<service>}.
 */
package io.prewarm.render;
