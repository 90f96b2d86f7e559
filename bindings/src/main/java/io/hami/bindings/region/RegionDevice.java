package io.hami.bindings.region;

/**
 * One entry of the region's per-device arrays.
 *
 * @param index          the array index: the container's CUDA ordinal for the limits, its NVML index for the uuid
 * @param uuid           {@code uuids[index]} up to its first NUL (at most 96 bytes), or empty when the entry is
 *                       empty or not valid UTF-8 (libvgpu fills uuids only after the first NVML call)
 * @param limitBytes     {@code limit[index]}: the memory limit in bytes, 0 = unlimited (at most {@link Long#MAX_VALUE})
 * @param smLimitPercent {@code sm_limit[index]}: the core limit in percent, 100 (or 0) = unlimited
 */
public record RegionDevice(int index, String uuid, long limitBytes, long smLimitPercent) {

    public RegionDevice {
        if (uuid == null) {
            throw new NullPointerException("uuid");
        }
    }

    /** Whether libvgpu has recorded a uuid for this device. */
    public boolean hasUuid() {
        return !uuid.isEmpty();
    }
}
