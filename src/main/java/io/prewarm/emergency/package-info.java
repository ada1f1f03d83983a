/**
 * The reactive emergency webhook: scale-up, freeze, Alertmanager; thin resources that delegate. Trust rules
 * (strict JSON, single-use signatures recorded in commit trailers, idempotency keys bound to their request)
 * are in docs/emergency.md.
 */
package io.prewarm.emergency;
