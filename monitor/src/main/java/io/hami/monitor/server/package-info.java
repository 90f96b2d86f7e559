/** The monitor's HTTP server: {@code /metrics} and {@code /healthz}. */
package io.hami.monitor.server;
