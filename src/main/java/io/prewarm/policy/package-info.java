/** Service policies: YAML files loaded raw, validated once (every problem reported with file and field), handed on as {@link io.prewarm.policy.ServicePolicy}. */
package io.prewarm.policy;
