/** AWS Auto Scaling group rendering. */
package io.prewarm.render.aws;
