/**
 * The operator console of {@code prewarm serve}: the page model and its deterministic, escaped HTML and SVG
 * rendering. Pure functions without I/O; the emergency package builds the model and serves the page.
 */
package io.prewarm.emergency.console;
