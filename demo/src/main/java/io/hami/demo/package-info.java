/**
 * The whole of hami-java on one machine without GPUs or Kubernetes: an embedded API server, simulated GPU
 * nodes (each a real device plugin and monitor over a mock NVML, with a kubelet stand-in that calls
 * {@code Allocate} over the plugin's socket and starts the containers), and a kube-scheduler stand-in that
 * drives the real scheduler's webhook, {@code /filter} and {@code /bind} over HTTP.
 */
package io.hami.demo;
