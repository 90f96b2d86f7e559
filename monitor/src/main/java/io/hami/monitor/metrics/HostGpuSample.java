package io.hami.monitor.metrics;

import io.hami.bindings.nvml.Utilization;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One physical GPU as one scrape read it through NVML.
 *
 * @param index       NVML index
 * @param uuid        {@code GPU-…}
 * @param deviceType  {@code NVIDIA-} + the NVML name, as HAMi labels it
 * @param memoryUsed  used bytes as {@code nvmlDeviceGetMemoryInfo} reports them; empty when unsupported
 * @param utilization core and memory-controller utilization; empty when it could not be read
 */
public record HostGpuSample(int index, String uuid, String deviceType, OptionalLong memoryUsed,
                            Optional<Utilization> utilization) {
}
