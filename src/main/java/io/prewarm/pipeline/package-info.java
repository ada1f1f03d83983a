/** One plan run wiring every stage; the only package that knows all of them. */
package io.prewarm.pipeline;
