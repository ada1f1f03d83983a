/** Tiny validated value records shared by every stage: service and environment names, targets, time windows, reason codes. */
package io.prewarm.common;
