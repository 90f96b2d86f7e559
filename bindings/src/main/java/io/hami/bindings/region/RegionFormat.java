package io.hami.bindings.region;

/**
 * The three layouts of HAMi-core's shared region a node can meet, each with its descriptor.
 *
 * <p>Layouts 1.1 and 1.2 have the same size and offsets; 1.2 turned the first reserved word of each process
 * slot into a seqlock over the slot's memory accounting, and the region's reserved tail into a second
 * semaphore. {@link RegionDetection#detect} decides which layout a file has.
 */
public enum RegionFormat {
    /** HAMi-core 7a9c88b (2024-04), HAMi's "v0": no version fields, no last kernel time. */
    V0("v0", RegionV0Descriptor.OFFSETS),
    /** HAMi-core 9b46404 to 24a0f49 (2024-08 to 2026-02): version 1.1, no seqlock. */
    V1_1("1.1", RegionV11Descriptor.OFFSETS),
    /** HAMi-core b69b1ea onwards (2026-04, HAMi v2.8.3 and v2.9.0): version 1.2 with a per-slot seqlock. */
    V1_2("1.2", RegionV12Descriptor.OFFSETS);

    private final String label;
    private final RegionOffsets offsets;

    RegionFormat(String label, RegionOffsets offsets) {
        this.label = label;
        this.offsets = offsets;
    }

    /** How people name the layout: {@code v0}, {@code 1.1}, {@code 1.2}. */
    public String label() {
        return label;
    }

    /** {@code sizeof} the region struct: the least a file of this layout may hold (it normally holds one byte more). */
    public long minimumSize() {
        return offsets.regionSize();
    }

    /** Whether the slots carry a seqlock over {@code used[]} that readers follow. */
    public boolean hasSeqlock() {
        return offsets.seqlock() >= 0;
    }

    /** Whether the region records the time of the last kernel launch. */
    public boolean hasLastKernelTime() {
        return offsets.lastKernelTime() >= 0;
    }

    RegionOffsets offsets() {
        return offsets;
    }
}
