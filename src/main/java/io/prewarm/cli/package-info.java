/** The picocli commands: plan, validate, serve. */
package io.prewarm.cli;
