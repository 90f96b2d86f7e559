package io.hami.bindings.nvml;

import java.util.List;

/**
 * NVML's MIG calls (GPU instances, compute instances, MIG device handles), one method per C function or family of
 * versioned functions, as {@link NvmlApi} has them for the rest of NVML: the status and the result copied into
 * records, nothing thrown for a status. An implementation without MIG answers {@link NvmlReturn#FUNCTION_NOT_FOUND}
 * (the defaults). Profile <em>indices</em> ({@code NVML_GPU_INSTANCE_PROFILE_1_SLICE} ...) name profiles to
 * the info calls; the other calls take the profile's {@link GpuInstanceProfile#id()}.
 */
public interface NvmlMigApi {

    /** {@code NVML_GPU_INSTANCE_PROFILE_COUNT}: profile indices run from 0 below it. */
    int GPU_INSTANCE_PROFILE_COUNT = 10;

    /** {@code NVML_COMPUTE_INSTANCE_PROFILE_COUNT}: compute-instance profile indices run from 0 below it. */
    int COMPUTE_INSTANCE_PROFILE_COUNT = 8;

    /**
     * {@code nvmlDeviceSetMigMode}: the activation status (success, or why the mode is only pending). Changes the
     * GPU for everyone; our code calls it only where it creates instances itself, never on a machine it reads.
     */
    default NvmlResult<NvmlReturn> deviceSetMigMode(NvmlDevice d, boolean enable) {
        return NvmlResult.error("nvmlDeviceSetMigMode", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstanceProfileInfoV} (with a name), else the plain one; by profile index. */
    default NvmlResult<GpuInstanceProfile> deviceGpuInstanceProfileInfo(NvmlDevice d, int profileIndex) {
        return NvmlResult.error("nvmlDeviceGetGpuInstanceProfileInfoV", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstancePossiblePlacements_v2}. */
    default NvmlResult<List<MigPlacement>> deviceGpuInstancePossiblePlacements(NvmlDevice d, int profileId) {
        return NvmlResult.error("nvmlDeviceGetGpuInstancePossiblePlacements_v2", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstanceRemainingCapacity}: how many more instances of the profile fit. */
    default NvmlResult<Integer> deviceGpuInstanceRemainingCapacity(NvmlDevice d, int profileId) {
        return NvmlResult.error("nvmlDeviceGetGpuInstanceRemainingCapacity", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceCreateGpuInstanceWithPlacement}; {@code INSUFFICIENT_RESOURCES} where it overlaps. */
    default NvmlResult<NvmlGpuInstance> deviceCreateGpuInstanceWithPlacement(NvmlDevice d, int profileId,
                                                                           MigPlacement placement) {
        return NvmlResult.error("nvmlDeviceCreateGpuInstanceWithPlacement", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlGpuInstanceDestroy}; {@code IN_USE} while it has compute instances. */
    default NvmlResult<Void> gpuInstanceDestroy(NvmlGpuInstance gi) {
        return NvmlResult.error("nvmlGpuInstanceDestroy", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstances}: the GPU's instances of one profile. */
    default NvmlResult<List<NvmlGpuInstance>> deviceGpuInstances(NvmlDevice d, int profileId) {
        return NvmlResult.error("nvmlDeviceGetGpuInstances", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstanceById}. */
    default NvmlResult<NvmlGpuInstance> deviceGpuInstanceById(NvmlDevice d, int id) {
        return NvmlResult.error("nvmlDeviceGetGpuInstanceById", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlGpuInstanceGetInfo}. */
    default NvmlResult<GpuInstanceInfo> gpuInstanceInfo(NvmlGpuInstance gi) {
        return NvmlResult.error("nvmlGpuInstanceGetInfo", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /**
     * {@code nvmlGpuInstanceGetComputeInstanceProfileInfoV} (with a name), else the plain one; by profile index,
     * with shared engines.
     */
    default NvmlResult<ComputeInstanceProfile> gpuInstanceComputeInstanceProfileInfo(NvmlGpuInstance gi, int profileIndex) {
        return NvmlResult.error("nvmlGpuInstanceGetComputeInstanceProfileInfoV", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlGpuInstanceCreateComputeInstance}. */
    default NvmlResult<NvmlComputeInstance> gpuInstanceCreateComputeInstance(NvmlGpuInstance gi, int profileId) {
        return NvmlResult.error("nvmlGpuInstanceCreateComputeInstance", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlComputeInstanceDestroy}. */
    default NvmlResult<Void> computeInstanceDestroy(NvmlComputeInstance ci) {
        return NvmlResult.error("nvmlComputeInstanceDestroy", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlGpuInstanceGetComputeInstances}: the GPU instance's compute instances of one profile. */
    default NvmlResult<List<NvmlComputeInstance>> gpuInstanceComputeInstances(NvmlGpuInstance gi, int profileId) {
        return NvmlResult.error("nvmlGpuInstanceGetComputeInstances", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlComputeInstanceGetInfo_v2}. */
    default NvmlResult<ComputeInstanceInfo> computeInstanceInfo(NvmlComputeInstance ci) {
        return NvmlResult.error("nvmlComputeInstanceGetInfo_v2", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceIsMigDeviceHandle}. */
    default NvmlResult<Boolean> deviceIsMigDeviceHandle(NvmlDevice d) {
        return NvmlResult.error("nvmlDeviceIsMigDeviceHandle", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetGpuInstanceId} of a MIG device. */
    default NvmlResult<Integer> deviceGpuInstanceId(NvmlDevice mig) {
        return NvmlResult.error("nvmlDeviceGetGpuInstanceId", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetComputeInstanceId} of a MIG device. */
    default NvmlResult<Integer> deviceComputeInstanceId(NvmlDevice mig) {
        return NvmlResult.error("nvmlDeviceGetComputeInstanceId", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetMaxMigDeviceCount}. */
    default NvmlResult<Integer> deviceMaxMigDeviceCount(NvmlDevice d) {
        return NvmlResult.error("nvmlDeviceGetMaxMigDeviceCount", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetMigDeviceHandleByIndex}; {@code NOT_FOUND} for an index with no MIG device. */
    default NvmlResult<NvmlDevice> deviceMigDeviceHandleByIndex(NvmlDevice d, int index) {
        return NvmlResult.error("nvmlDeviceGetMigDeviceHandleByIndex", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetDeviceHandleFromMigDeviceHandle}: the GPU of a MIG device. */
    default NvmlResult<NvmlDevice> deviceHandleFromMigDeviceHandle(NvmlDevice mig) {
        return NvmlResult.error("nvmlDeviceGetDeviceHandleFromMigDeviceHandle", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetAttributes_v2}. */
    default NvmlResult<DeviceAttributes> deviceAttributes(NvmlDevice d) {
        return NvmlResult.error("nvmlDeviceGetAttributes_v2", NvmlReturn.FUNCTION_NOT_FOUND);
    }
}
