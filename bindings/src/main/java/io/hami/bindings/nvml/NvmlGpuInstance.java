package io.hami.bindings.nvml;

/**
 * An NVML GPU-instance handle ({@code nvmlGpuInstance_t}): opaque, valid until the instance is destroyed or
 * NVML shut down. Obtain one from {@link NvmlMigApi}; never make one up.
 *
 * @param handle the pointer value, as the library returned it
 */
public record NvmlGpuInstance(long handle) {
    @Override
    public String toString() {
        return "NvmlGpuInstance[0x" + Long.toHexString(handle) + "]";
    }
}
