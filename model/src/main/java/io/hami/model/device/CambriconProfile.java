package io.hami.model.device;

import io.hami.model.vendor.MemoryUnit;

/**
 * The value of {@code CAMBRICON_DSMLU_PROFILE}: the one sMLU slice Cambricon's device plugin creates for a pod, e.g.
 * {@code 0_30_16} for 30 % of MLU 0 with 16 × 256 MiB.
 *
 * @param index       the MLU's index on the node
 * @param cores       percent of the MLU's cores
 * @param memoryUnits memory in Cambricon's 256 MiB units
 */
public record CambriconProfile(int index, int cores, int memoryUnits) {

    /** The size of one memory unit (Cambricon's plugin must run with {@code --min-dsmlu-unit=256}). */
    public static final MemoryUnit MEMORY_UNIT = MemoryUnit.MIB_256;

    public CambriconProfile {
        Checks.nonNegative(index, "index");
        Checks.nonNegative(cores, "cores");
        Checks.nonNegative(memoryUnits, "memoryUnits");
    }

    /**
     * The profile HAMi v2.10's scheduler writes for a device of an allocation ({@code PatchAnnotations},
     * {@code pkg/device/cambricon/device.go}): its index, its cores, its MiB in whole units (rounded down).
     *
     * @param index  the device's index on the node (the allocation does not carry it)
     * @param device the allocated device
     */
    public static CambriconProfile of(int index, ContainerDevice device) {
        return new CambriconProfile(index, device.usedCores(), device.usedMem() / MEMORY_UNIT.mib());
    }
}
