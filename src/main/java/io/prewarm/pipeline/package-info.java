/**
 * One plan run wiring every stage ({@link io.prewarm.pipeline.PlanRun}); the only package that knows all of
 * them. {@link io.prewarm.pipeline.ShardMerge} combines the shard branches of {@code plan --shard i/n} into
 * the one proposal an unsharded run would have made.
 */
package io.prewarm.pipeline;
