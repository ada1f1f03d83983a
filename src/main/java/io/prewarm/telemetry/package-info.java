/** Prometheus metrics of prewarm itself, Pushgateway and the audit log. Nothing imports it except the top. */
package io.prewarm.telemetry;
