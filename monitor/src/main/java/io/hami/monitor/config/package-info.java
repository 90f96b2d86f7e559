/**
 * The monitor's configuration: one immutable {@link io.hami.monitor.config.MonitorConfig} built from flags,
 * the environment and a file, in that order of precedence.
 */
package io.hami.monitor.config;
