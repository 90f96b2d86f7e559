package io.hami.bindings.region;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;

/**
 * Every byte offset the reader and writer use, derived once from a descriptor's named {@link StructLayout}
 * members; nothing here is typed by hand. Slot offsets are relative to the slot, accounting offsets to their
 * element. An offset of -1 marks a member the layout does not have.
 */
record RegionOffsets(
        long regionSize,
        long deviceNum, long uuids, long uuidLength, long limit, long smLimit,
        long procs, long slotStride,
        long procNum, long utilizationSwitch, long recentKernel, long priority, long lastKernelTime,
        long pid, long hostpid, long used, long usedStride,
        long contextSize, long moduleSize, long dataSize, long offset, long total,
        long monitorused, long deviceUtil, long utilStride, long smUtil,
        long status, long seqlock) {

    static final long ABSENT = -1;

    /** Derives the offsets of a region layout whose device count is named {@code deviceNumName}. */
    static RegionOffsets derive(StructLayout region, String deviceNumName) {
        var procs = sequence(region, "procs");
        var slot = (GroupLayout) procs.elementLayout();
        var uuids = sequence(region, "uuids");
        var used = sequence(slot, "used");
        var memory = used.elementLayout();
        var util = sequence(slot, "device_util");
        var utilElement = util.elementLayout();
        return new RegionOffsets(
                region.byteSize(),
                at(region, deviceNumName), at(region, "uuids"), uuids.elementLayout().byteSize(),
                at(region, "limit"), at(region, "sm_limit"),
                at(region, "procs"), slot.byteSize(),
                at(region, "proc_num"), at(region, "utilization_switch"), at(region, "recent_kernel"),
                at(region, "priority"), optional(region, "last_kernel_time"),
                at(slot, "pid"), at(slot, "hostpid"), at(slot, "used"), memory.byteSize(),
                at(memory, "context_size"), at(memory, "module_size"), at(memory, "data_size"),
                at(memory, "offset"), at(memory, "total"),
                at(slot, "monitorused"), at(slot, "device_util"), utilElement.byteSize(), at(utilElement, "sm_util"),
                at(slot, "status"), optional(slot, "seqlock"));
    }

    /** The absolute offset of slot {@code index}. */
    long slot(int index) {
        return procs + slotStride * index;
    }

    private static long at(MemoryLayout layout, String member) {
        return layout.byteOffset(groupElement(member));
    }

    private static long optional(GroupLayout layout, String member) {
        boolean present = layout.memberLayouts().stream().anyMatch(m -> m.name().filter(member::equals).isPresent());
        return present ? at(layout, member) : ABSENT;
    }

    private static SequenceLayout sequence(MemoryLayout layout, String member) {
        return (SequenceLayout) layout.select(groupElement(member));
    }
}
