package io.hami.bindings.nvml;

/**
 * {@code nvmlUtilization_t}: percent of the last sample period during which a kernel ran, and during which
 * device memory was read or written.
 *
 * @param gpu kernel time, 0–100
 * @param memory memory time, 0–100
 */
public record Utilization(int gpu, int memory) {
}
