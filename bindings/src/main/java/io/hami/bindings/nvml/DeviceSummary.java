package io.hami.bindings.nvml;

import io.hami.bindings.discovery.DiscoveredDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One device as {@code hami devices} lists it. Facts that could not be read are empty; a device whose calls
 * failed is unhealthy and says why in {@link #problems()}.
 *
 * @param index NVML index
 * @param uuid {@code GPU-…}
 * @param name e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param memoryTotalMiB installed memory
 * @param memoryUsedMiB memory in use (from the v2 call: without what the driver reserves)
 * @param minor N of {@code /dev/nvidiaN}
 * @param pciBusId {@code 00000000:3B:00.0}
 * @param numa NUMA node; empty when neither the driver nor sysfs knows
 * @param healthy whether every call the driver offers succeeded on the device
 * @param migEnabled current MIG mode; empty on GPUs without MIG
 * @param problems one line per failed call, naming the device and the symbol (also for functions the driver lacks)
 */
public record DeviceSummary(int index, Optional<String> uuid, Optional<String> name, OptionalLong memoryTotalMiB,
                            OptionalLong memoryUsedMiB, OptionalInt minor, Optional<String> pciBusId, OptionalInt numa,
                            boolean healthy, Optional<Boolean> migEnabled, List<String> problems) {

    public DeviceSummary {
        problems = List.copyOf(problems);
    }

    /** The NVML view of a device the shared discovery listed. */
    static DeviceSummary of(DiscoveredDevice d) {
        return new DeviceSummary(d.index(), d.uuid(), d.model(), d.memoryTotalMiB(), d.memoryUsedMiB(), d.minor(),
                d.pciBusId(), d.numa(), d.healthy(), d.migEnabled(), d.problems());
    }
}
