package io.hami.bindings.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One accelerator as its vendor library reports it, the same record for every vendor. Facts that could not be
 * read, or that the device does not offer, are empty; a device whose calls failed is unhealthy and says why in
 * {@link #problems()}.
 *
 * @param vendor         whose device it is
 * @param index          the library's index (NVML index, CNDEV index, DCMI logic id, rocm-smi {@code dv_ind}, …)
 * @param uuid           the stable id HAMi registers: {@code GPU-…}, {@code MLU-…}, the Ascend die id, {@code DCU-<serial>}, …
 * @param model          the model name, e.g. {@code NVIDIA A100-SXM4-40GB}, {@code MLU370-X8}, {@code Ascend910B3}
 * @param memoryTotalMiB installed device memory
 * @param memoryUsedMiB  device memory in use
 * @param utilization    percent of the last sample period the compute cores were busy
 * @param healthy        whether every call the library offers succeeded and the vendor's own health check passed
 * @param numa           NUMA node; empty when neither the library nor sysfs knows
 * @param pciBusId       PCI address: NVML's {@code 00000000:3B:00.0} for NVIDIA, the sysfs form {@code 0000:3b:00.0} elsewhere
 * @param minor          the number in the device's main node ({@code /dev/nvidia<minor>}, {@code /dev/davinci<phy id>}, …)
 * @param deviceNodes    the character devices a container needs for this device, shared control nodes included
 * @param migEnabled     NVIDIA's MIG mode; empty for other vendors and GPUs without MIG
 * @param migDevices     the GPU's MIG devices in the library's order; empty unless MIG is enabled
 * @param problems       one line per failed call: {@code device 1 (GPU-…): <symbol> failed: <STATUS> (<code>)}
 */
public record DiscoveredDevice(DeviceVendor vendor, int index, Optional<String> uuid, Optional<String> model,
                               OptionalLong memoryTotalMiB, OptionalLong memoryUsedMiB, OptionalInt utilization,
                               boolean healthy, OptionalInt numa, Optional<String> pciBusId, OptionalInt minor,
                               List<String> deviceNodes, Optional<Boolean> migEnabled,
                               List<DiscoveredMigDevice> migDevices, List<String> problems) {

    public DiscoveredDevice {
        Objects.requireNonNull(vendor, "vendor");
        deviceNodes = List.copyOf(deviceNodes);
        migDevices = List.copyOf(migDevices);
        problems = List.copyOf(problems);
    }
}
