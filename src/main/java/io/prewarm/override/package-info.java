/** Freezes and emergency overrides, stored as files in the GitOps repository. */
package io.prewarm.override;
