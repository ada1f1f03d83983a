/** The reactive emergency webhook: scale-up, freeze, Alertmanager; thin resources that delegate. */
package io.prewarm.emergency;
