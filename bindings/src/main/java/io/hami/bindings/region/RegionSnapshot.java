package io.hami.bindings.region;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable copy of one region file, taken by {@link RegionReader#snapshot()}. Every count read from the
 * file is clamped, strings are bounded and checked, and sums saturate at {@link Long#MAX_VALUE}: a container
 * that writes nonsense into its region gets nonsense back, but never an exception, a huge allocation or an
 * overflow.
 *
 * @param header            the layout the file was read with and the version its header states
 * @param fileSize          the file's size when the snapshot began
 * @param deviceCount       {@code device_num} (v0: {@code num}) read as unsigned and clamped to 0..16
 * @param devices           all 16 entries of the per-device arrays, whatever {@code deviceCount} says (limits
 *                          are written long before libvgpu counts devices)
 * @param procNum           {@code proc_num} clamped to 0..1024
 * @param slots             {@code procs[0..procNum)}, including exited ones
 * @param utilizationSwitch {@code utilization_switch}: 1 = enforce the core limit, 0 = let it burst
 * @param recentKernel      {@code recent_kernel}: 2 after a recent launch, counted down by the monitor, negative = blocked;
 *                          libvgpu writes nothing above 2, so a larger value is the container's (or a torn write's)
 *                          and is best treated as 2
 * @param rawPriority       {@code priority} as written; see {@link #priority()}
 * @param lastKernelTime    {@code last_kernel_time} in Unix seconds (at most {@link Long#MAX_VALUE}); empty for v0
 */
public record RegionSnapshot(RegionHeader header, long fileSize,
                             int deviceCount, List<RegionDevice> devices,
                             int procNum, List<ProcessSlot> slots,
                             int utilizationSwitch, int recentKernel, int rawPriority, OptionalLong lastKernelTime) {

    /** The highest priority number accepted; lower numbers are higher priorities. */
    public static final int MAX_PRIORITY = 99;

    public RegionSnapshot {
        devices = List.copyOf(devices);
        slots = List.copyOf(slots);
        if (slots.size() != procNum) {
            throw new IllegalArgumentException("procNum " + procNum + " but " + slots.size() + " slots");
        }
    }

    /** The layout the file was read with. */
    public RegionFormat format() {
        return header.format();
    }

    /** The version the header states: {@code v0}, or {@code 1.<minor>} as written. */
    public String version() {
        return header.version();
    }

    /** Whether the stated version is a known layout's, rather than an unknown 1.x read with the newest 1.x layout. */
    public boolean knownVersion() {
        return header.knownVersion();
    }

    /** The task priority when it is in 0..99; empty for anything else a container may have written. */
    public OptionalInt priority() {
        return rawPriority >= 0 && rawPriority <= MAX_PRIORITY ? OptionalInt.of(rawPriority) : OptionalInt.empty();
    }

    /** The slots HAMi counts: status not 0. */
    public List<ProcessSlot> activeSlots() {
        return slots.stream().filter(ProcessSlot::active).toList();
    }

    /** The slots whose memory accounting could not be copied consistently: their {@code used} is stale. */
    public List<ProcessSlot> staleSlots() {
        return slots.stream().filter(ProcessSlot::stale).toList();
    }

    /** Whether {@link #usedBytes(int)} of every device includes a stale copy: some active slot is stale. */
    public boolean usedStale() {
        for (int i = 0; i < slots.size(); i++) { // asked at every scrape: no stream, no iterator
            var slot = slots.get(i);
            if (slot.active() && slot.stale()) {
                return true;
            }
        }
        return false;
    }

    /** Σ {@code used[device].total} over the active slots, stale ones included (see {@link #usedStale()}), saturating. */
    public long usedBytes(int device) {
        long sum = 0;
        for (var slot : slots) {
            if (slot.active()) {
                sum = saturatingAdd(sum, slot.used(device).total());
            }
        }
        return sum;
    }

    /** Σ {@code device_util[device].sm_util} over the active slots, saturating; may exceed 100. */
    public long smUtil(int device) {
        long sum = 0;
        for (var slot : slots) {
            if (slot.active()) {
                sum = saturatingAdd(sum, slot.smUtil().get(device));
            }
        }
        return sum;
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
