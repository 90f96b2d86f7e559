/**
 * Usage accounting: what scheduled pods hold, from their {@code *-devices-allocated} annotations, collapsed per device
 * as HAMi does for init and app containers (spec §3.5).
 */
package io.hami.scheduler.usage;
