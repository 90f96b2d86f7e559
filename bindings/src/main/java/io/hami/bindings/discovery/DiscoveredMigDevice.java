package io.hami.bindings.discovery;

import java.util.Objects;

/**
 * A MIG device of a GPU in MIG mode (one compute instance of one GPU instance), as {@code hami devices} lists it
 * under its GPU.
 *
 * @param gpuInstanceId     its GPU instance's id on the GPU
 * @param computeInstanceId its compute instance's id in that GPU instance
 * @param profile           NVIDIA's name for it: {@code 1g.5gb}, or {@code 1c.3g.20gb} for part of a GPU instance
 * @param memoryMiB         its memory
 * @param uuid              its own id ({@code MIG-…}), what {@code NVIDIA_VISIBLE_DEVICES} names
 */
public record DiscoveredMigDevice(int gpuInstanceId, int computeInstanceId, String profile, long memoryMiB,
                                  String uuid) {

    public DiscoveredMigDevice {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(uuid, "uuid");
    }
}
