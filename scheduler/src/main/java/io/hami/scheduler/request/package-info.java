/**
 * What a pod asks for: per-container device requests from its resources
 * ({@link io.hami.scheduler.request.RequestReader}, docs/scheduler.md, "Requests") and its scheduling options from its
 * annotations ({@link io.hami.scheduler.request.PodOptionsReader}). Both are pure functions of the fabric8 {@code Pod}
 * and the device types.
 */
package io.hami.scheduler.request;
