/**
 * JGit adapter: temporary clones, commits and pushes; {@code CloneGuard} keeps every read and write inside the
 * clone (no symbolic link under generated/, overrides/, policies/ nor on the way to a written file).
 */
package io.prewarm.gitops.jgit;
