/**
 * The operator console of {@code prewarm serve}, beside {@code emergency}: the resource at {@code /console}
 * and its assets, the page model built from the emergency service's in-memory overview (committed plan
 * files, overrides, the last plan commit) and recent demand, and the page (Qute templates under
 * {@code templates/console/}, rendered by one standalone engine that escapes every value) and its SVG charts. Reads
 * emergency's public read state ({@code EmergencyService.Overview}, {@code Guard}, {@code ApiException});
 * actions go through the authenticated JSON API of {@code emergency}, never through this package.
 */
package io.prewarm.console;
