package io.hami.model.device;

/**
 * Where a MIG instance sits on its GPU: the half-open slice range {@code [start, start + size)}, as NVML's
 * {@code nvmlGpuInstancePlacement_t} reports it. Two placements overlap when their ranges intersect.
 *
 * @param start first memory slice, an unsigned 32-bit integer
 * @param size  number of slices, an unsigned 32-bit integer; 0 only in a node's profile list, never in an allocation
 */
public record MigPlacement(long start, long size) {

    public MigPlacement {
        Checks.uint32(start, "start");
        Checks.uint32(size, "size");
    }

    /** Whether the two slice ranges intersect; an empty range intersects nothing. */
    public boolean overlaps(MigPlacement other) {
        return size > 0 && other.size > 0 && start < other.start + other.size && other.start < start + size;
    }
}
