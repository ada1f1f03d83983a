/** GCP managed instance group rendering: google_compute_autoscaler with scaling schedules. */
package io.prewarm.render.google;
