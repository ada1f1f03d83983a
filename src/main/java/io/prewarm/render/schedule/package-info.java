/**
 * Schedule translation shared by the renderers of targets that cannot take AWS-style "from now on"
 * actions: weekly cron parsing and the windows (start, length, floor) that KEDA cron triggers, GCP
 * scaling schedules and Azure fixed-date profiles need.
 */
package io.prewarm.render.schedule;
