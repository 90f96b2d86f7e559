/**
 * The read-only allocation page (docs/scheduler.md, "The allocation page"): nodes × devices with what is allocated,
 * the pods on each device, and the pods the filter could not place with its reasons, served on a listener of its own.
 */
package io.hami.scheduler.page;
