package io.hami.bindings.nvml;

/**
 * Where a GPU instance (or a compute instance within one) sits: {@code size} slices from {@code start}
 * ({@code nvmlGpuInstancePlacement_t}, {@code nvmlComputeInstancePlacement_t}). A GPU instance's placement
 * counts memory slices.
 *
 * @param start the first slice
 * @param size  the number of slices
 */
public record MigPlacement(int start, int size) {

    /** Whether the two share a slice. */
    public boolean overlaps(MigPlacement other) {
        return start < other.start + other.size && other.start < start + size;
    }
}
