package io.hami.monitor.metrics;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One physical device as one scrape read it through its vendor's library. A number the library does not give
 * (or failed to give) is empty and exports no series, never a 0.
 *
 * @param index                        the library's index (NVML index, CNDEV index, DCMI logic id, …)
 * @param uuid                         the id HAMi registers: {@code GPU-…}, {@code MLU-…}, the Ascend die id, …
 * @param deviceType                   NVIDIA: {@code NVIDIA-} + the NVML name, as HAMi labels it; other vendors:
 *                                     the model their library names
 * @param memoryUsed                   used bytes: NVIDIA as {@code nvmlDeviceGetMemoryInfo} reports them (the
 *                                     driver's reserve included, as HAMi reads it), other vendors to the MiB
 * @param utilization                  percent of the last sample period the cores were busy
 * @param memoryControllerUtilization  percent the memory controller was busy: NVIDIA only
 */
public record HostGpuSample(int index, String uuid, String deviceType, OptionalLong memoryUsed, OptionalInt utilization,
                            OptionalInt memoryControllerUtilization) {
}
