package io.hami.bindings.nvml;

/**
 * An NVML device handle ({@code nvmlDevice_t}): an opaque value that only the library that issued it
 * understands, valid until the last {@code nvmlShutdown}. Obtain one from {@link NvmlApi#deviceHandleByIndex}
 * or {@link NvmlApi#deviceHandleByUuid}; never make one up.
 *
 * @param handle the pointer value, as the library returned it
 */
public record NvmlDevice(long handle) {
    @Override
    public String toString() {
        return "NvmlDevice[0x" + Long.toHexString(handle) + "]";
    }
}
