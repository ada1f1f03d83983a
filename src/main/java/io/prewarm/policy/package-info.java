/**
 * Service policies: YAML files read safely ({@code PolicyFiles}: no symbolic links, at most 256 KiB, UTF-8;
 * strict YAML: no duplicate keys, depth capped), loaded raw, validated once (every problem reported with file
 * and field), handed on as {@link io.prewarm.policy.ServicePolicy}.
 */
package io.prewarm.policy;
