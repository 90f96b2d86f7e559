package io.hami.bindings.region;

/**
 * One process's booked device memory on one device, in bytes, from {@code used[d]} of its slot. HAMi-core adds
 * every counted allocation to {@code total} and to one class (the allocator always uses {@code dataSize});
 * {@code offset} is never written. The file is hostile: a value at or above 2<sup>63</sup> reads as
 * {@link Long#MAX_VALUE}, and {@code total} need not equal the sum of the classes.
 *
 * @param contextSize {@code context_size}: CUDA contexts
 * @param moduleSize  {@code module_size}: loaded modules
 * @param dataSize    {@code data_size}: allocations
 * @param offset      {@code offset}: never written by HAMi-core
 * @param total       {@code total}: what the memory limit is checked against, and what HAMi exports as used
 */
public record MemoryUsage(long contextSize, long moduleSize, long dataSize, long offset, long total) {

    /** No memory booked. */
    public static final MemoryUsage NONE = new MemoryUsage(0, 0, 0, 0, 0);

    /** The usage of these values; {@link #NONE} itself when all are 0, as on most devices of most slots. */
    static MemoryUsage of(long contextSize, long moduleSize, long dataSize, long offset, long total) {
        return (contextSize | moduleSize | dataSize | offset | total) == 0 ? NONE
                : new MemoryUsage(contextSize, moduleSize, dataSize, offset, total);
    }
}
