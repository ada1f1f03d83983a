/**
 * The reactive emergency webhook: scale-up, freeze, Alertmanager; thin resources that delegate. Trust rules
 * (strict JSON, single-use signatures over method, path and body recorded in commit trailers, idempotency keys
 * bound to their request) and the write path (group commit, several replicas on one repository) are in
 * docs/emergency.md.
 */
package io.prewarm.emergency;
