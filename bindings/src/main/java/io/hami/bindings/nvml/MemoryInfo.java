package io.hami.bindings.nvml;

import java.util.OptionalLong;

/**
 * A device's frame-buffer memory in bytes. From {@code nvmlDeviceGetMemoryInfo_v2} the driver's reserved
 * memory is reported apart and {@code used} excludes it; from the plain {@code nvmlDeviceGetMemoryInfo}
 * (what HAMi reads) {@code reserved} is empty and {@code used} includes it.
 *
 * @param total installed memory
 * @param free memory no one holds
 * @param used memory allocated by processes (and, from the v1 call, reserved by the driver)
 * @param reserved memory reserved by the driver, when the call reports it apart
 */
public record MemoryInfo(long total, long free, long used, OptionalLong reserved) {

    private static final long MIB = 1024 * 1024;

    /** {@link #total()} in MiB, rounded down, as HAMi registers device memory. */
    public long totalMiB() {
        return Long.divideUnsigned(total, MIB);
    }

    /** {@link #used()} in MiB, rounded down. */
    public long usedMiB() {
        return Long.divideUnsigned(used, MIB);
    }
}
