/** A small HCL writer that produces terraform fmt formatting. */
package io.prewarm.render.hcl;
