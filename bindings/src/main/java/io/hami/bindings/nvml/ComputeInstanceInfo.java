package io.hami.bindings.nvml;

/**
 * A compute instance as {@code nvmlComputeInstanceGetInfo_v2} describes it.
 *
 * @param device      the GPU
 * @param gpuInstance the GPU instance it lives in
 * @param id          its id within the GPU instance
 * @param profileId   the {@link ComputeInstanceProfile#id()} it was made from
 * @param placement   its compute slices within the GPU instance
 */
public record ComputeInstanceInfo(NvmlDevice device, NvmlGpuInstance gpuInstance, int id, int profileId,
                                  MigPlacement placement) {
}
