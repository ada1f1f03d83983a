/** Capacity planning: forecast to instances under the policy rules, schedule compression under provider quotas. Pure functions. */
package io.prewarm.plan;
