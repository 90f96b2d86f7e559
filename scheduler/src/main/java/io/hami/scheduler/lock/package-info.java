/**
 * HAMi's node lock {@code hami.io/mutex.lock} (docs/scheduler.md, "Filter, bind and the node lock"): taken at bind,
 * released by the device plugin after {@code Allocate}; resourceVersion-guarded merge patches with backoff
 * ({@link io.hami.scheduler.lock.NodeLocks}).
 */
package io.hami.scheduler.lock;
