package io.hami.model.device;

/**
 * The scheduler's reservation of one MIG instance for one device slot of a pod: an entry of
 * {@code hami.io/vgpu-mig-allocations}. {@code containerIndex} and {@code deviceIndex} point into the pod's
 * {@link PodDevices} (container {@code i}, device {@code j} of that container), which makes several instances on the
 * same GPU unambiguous.
 *
 * @param containerIndex index of the container entry, 0 or more (Go {@code int}, narrowed to 32 bits)
 * @param deviceIndex    index of the device within the container entry, 0 or more
 * @param gpuUuid        UUID of the physical GPU, non-empty
 * @param profile        MIG profile name, e.g. {@code 1g.5gb}, non-empty
 * @param placement      reserved placement; its size is at least 1
 * @param runtime        the realized instance, or {@code null} while the device plugin has not created it
 */
public record MigAllocation(
        int containerIndex, int deviceIndex, String gpuUuid, String profile, MigPlacement placement, MigRuntime runtime) {

    public MigAllocation {
        Checks.nonNegative(containerIndex, "containerIndex");
        Checks.nonNegative(deviceIndex, "deviceIndex");
        Checks.nonEmptyText(gpuUuid, "gpuUuid");
        Checks.nonEmptyText(profile, "profile");
        if (placement == null) {
            throw new IllegalArgumentException("placement must not be null");
        }
        if (placement.size() == 0) {
            throw new IllegalArgumentException("placement.size must not be 0");
        }
    }
}
