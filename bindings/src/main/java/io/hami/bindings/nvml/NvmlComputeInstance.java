package io.hami.bindings.nvml;

/**
 * An NVML compute-instance handle ({@code nvmlComputeInstance_t}): opaque, valid until the instance is
 * destroyed or NVML shut down. Obtain one from {@link NvmlMigApi}; never make one up.
 *
 * @param handle the pointer value, as the library returned it
 */
public record NvmlComputeInstance(long handle) {
    @Override
    public String toString() {
        return "NvmlComputeInstance[0x" + Long.toHexString(handle) + "]";
    }
}
