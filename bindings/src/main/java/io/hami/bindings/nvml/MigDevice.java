package io.hami.bindings.nvml;

/**
 * A MIG device (one compute instance) as {@code hami devices} and the device plugin see it.
 *
 * @param parentUuid        its GPU's UUID
 * @param uuid              its own UUID ({@code MIG-…}), what {@code NVIDIA_VISIBLE_DEVICES} names
 * @param gpuInstanceId     its GPU instance's id
 * @param computeInstanceId its compute instance's id
 * @param profile           NVIDIA's name for it: {@code 1g.5gb}, or {@code 1c.3g.20gb} for part of a GPU instance
 * @param placement         its GPU instance's memory slices
 * @param memoryMiB         its memory
 * @param attributes        what it offers, when the driver reports it
 */
public record MigDevice(String parentUuid, String uuid, int gpuInstanceId, int computeInstanceId, String profile,
                        MigPlacement placement, long memoryMiB, java.util.Optional<DeviceAttributes> attributes) {
}
