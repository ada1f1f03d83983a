/** JGit adapter: temporary clones, commits and pushes. */
package io.prewarm.gitops.jgit;
