/**
 * The node monitor: reads the HAMi-core shared regions of the node's containers, serves Prometheus metrics
 * under HAMi's names and runs the priority feedback loop. {@link io.hami.monitor.Monitor} wires the parts
 * without threads; {@link io.hami.monitor.MonitorDaemon} runs it with a loop thread, a pod informer and the
 * HTTP server.
 */
package io.hami.monitor;
