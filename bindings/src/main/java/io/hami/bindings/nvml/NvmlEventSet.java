package io.hami.bindings.nvml;

/**
 * An NVML event set ({@code nvmlEventSet_t}), created by {@link NvmlApi#eventSetCreate()} and released by
 * {@link NvmlApi#eventSetFree}. Opaque, like {@link NvmlDevice}.
 *
 * @param handle the pointer value, as the library returned it
 */
public record NvmlEventSet(long handle) {
}
