/** Terraform rendering of capacity plans, one renderer per target kind; deterministic and formatted as terraform fmt would. */
package io.prewarm.render;
