/**
 * The scheduler daemon: its immutable configuration ({@link io.hami.scheduler.daemon.DaemonConfig}), Go duration text,
 * and the composition of state, servers and background work ({@link io.hami.scheduler.daemon.SchedulerDaemon}).
 */
package io.hami.scheduler.daemon;
