/**
 * The node monitor: reads the HAMi-core shared regions of the node's containers, serves Prometheus
 * metrics under HAMi's names and runs the priority feedback loop.
 */
package io.hami.monitor;
