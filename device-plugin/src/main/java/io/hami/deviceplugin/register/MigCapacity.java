package io.hami.deviceplugin.register;

import io.hami.model.device.MigProfile;
import java.util.List;

/**
 * What a GPU of a node in dynamic MIG mode registers instead of its HAMi-core share (docs/vendors.md, "NVIDIA — dynamic
 * MIG"): as many slots as its most numerous profile has instances, its whole memory unscaled, 100 cores, and the
 * GPU-instance profiles NVML offers with their placements.
 *
 * @param count     the most instances any one profile can have on the GPU
 * @param memoryMiB the GPU's memory, not scaled
 * @param profiles  the profiles, in NVML's profile order
 */
public record MigCapacity(int count, int memoryMiB, List<MigProfile> profiles) {

    public MigCapacity {
        if (count < 1) {
            throw new IllegalArgumentException("a MIG GPU registers at least one instance: " + count);
        }
        profiles = List.copyOf(profiles);
    }
}
