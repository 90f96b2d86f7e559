package io.hami.bindings.nvml;

/**
 * A GPU instance as {@code nvmlGpuInstanceGetInfo} describes it.
 *
 * @param device    the GPU it lives on
 * @param id        its id on that GPU
 * @param profileId the {@link GpuInstanceProfile#id()} it was made from
 * @param placement its memory slices
 */
public record GpuInstanceInfo(NvmlDevice device, int id, int profileId, MigPlacement placement) {
}
