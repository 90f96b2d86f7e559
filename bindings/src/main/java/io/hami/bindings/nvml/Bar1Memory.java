package io.hami.bindings.nvml;

/**
 * The BAR1 aperture of a device ({@code nvmlBAR1Memory_t}), in bytes.
 *
 * @param total size of the aperture
 * @param free unmapped part
 * @param used mapped part
 */
public record Bar1Memory(long total, long free, long used) {
}
