/**
 * Usage accounting: what scheduled pods hold, from their {@code *-devices-allocated} annotations, collapsed per device
 * as HAMi does for init and app containers (docs/scheduler.md, "Usage of scheduled pods").
 */
package io.hami.scheduler.usage;
