/** Prometheus alerting rules for a service's leading indicators, labelled for routing to prewarm's emergency webhook. */
package io.prewarm.render.prometheus;
