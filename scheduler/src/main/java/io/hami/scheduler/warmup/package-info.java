/**
 * The warm-up before readiness: the daemon's request paths run against a synthetic in-memory cluster over loopback
 * until the JIT has compiled them ({@link io.hami.scheduler.warmup.Warmup}).
 */
package io.hami.scheduler.warmup;
