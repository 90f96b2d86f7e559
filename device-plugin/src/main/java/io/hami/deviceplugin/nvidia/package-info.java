/**
 * The NVIDIA parts of the device plugin: GPUs and XID health through NVML, HAMi-core's container environment, and
 * the composition that starts the plugin for NVIDIA ({@link io.hami.deviceplugin.nvidia.NvidiaPlugin}).
 */
package io.hami.deviceplugin.nvidia;
