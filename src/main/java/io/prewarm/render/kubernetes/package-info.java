/** Kubernetes rendering: HorizontalPodAutoscaler v2 with behavior, and KEDA ScaledObjects through kubernetes_manifest. */
package io.prewarm.render.kubernetes;
